# Builds the ChatSphere site. docker compose up runs it next to PostgreSQL with pgvector.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY ChatSphere.Core/ChatSphere.Core.csproj ChatSphere.Core/
COPY ChatSphere.Agents/ChatSphere.Agents.csproj ChatSphere.Agents/
COPY ChatSphere.Web/ChatSphere.Web.csproj ChatSphere.Web/
# For the image's architecture only: ONNX Runtime (the offline semantic embedder) ships natives for every platform.
ARG TARGETARCH
RUN dotnet restore ChatSphere.Web/ChatSphere.Web.csproj -a $TARGETARCH
COPY ChatSphere.Core/ ChatSphere.Core/
COPY ChatSphere.Agents/ ChatSphere.Agents/
COPY ChatSphere.Web/ ChatSphere.Web/
RUN dotnet publish ChatSphere.Web/ChatSphere.Web.csproj -c Release -a $TARGETARCH --self-contained false -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "ChatSphere.Web.dll"]
