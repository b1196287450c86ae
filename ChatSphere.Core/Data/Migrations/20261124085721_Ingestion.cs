using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;
using Pgvector;

#nullable disable

namespace ChatSphere.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Ingestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "Documents",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "HeadingPath",
                table: "Chunks",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Page",
                table: "Chunks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActiveEmbeddingModel",
                table: "Bots",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ChunkMaxTokens",
                table: "Bots",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ChunkOverlapTokens",
                table: "Bots",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<float>(
                name: "ScoreThreshold",
                table: "Bots",
                type: "real",
                nullable: true);

            migrationBuilder.AlterColumn<NpgsqlTsVector>(
                name: "SearchVector",
                table: "Chunks",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "setweight(to_tsvector('english', \"HeadingPath\"), 'A') || setweight(to_tsvector('english', \"Text\"), 'B')",
                stored: true,
                oldClrType: typeof(NpgsqlTsVector),
                oldType: "tsvector",
                oldNullable: true)
                .OldAnnotation("Npgsql:TsVectorConfig", "english")
                .OldAnnotation("Npgsql:TsVectorProperties", new[] { "Text" });

            migrationBuilder.CreateTable(
                name: "PendingEmbeddings",
                columns: table => new
                {
                    ChunkId = table.Column<Guid>(type: "uuid", nullable: false),
                    Model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BotId = table.Column<Guid>(type: "uuid", nullable: false),
                    Dimensions = table.Column<int>(type: "integer", nullable: false),
                    Embedding = table.Column<Vector>(type: "vector", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingEmbeddings", x => new { x.ChunkId, x.Model });
                    table.ForeignKey(
                        name: "FK_PendingEmbeddings_Chunks_ChunkId",
                        column: x => x.ChunkId,
                        principalTable: "Chunks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PendingEmbeddings_BotId_Model",
                table: "PendingEmbeddings",
                columns: new[] { "BotId", "Model" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PendingEmbeddings");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "HeadingPath",
                table: "Chunks");

            migrationBuilder.DropColumn(
                name: "Page",
                table: "Chunks");

            migrationBuilder.DropColumn(
                name: "ActiveEmbeddingModel",
                table: "Bots");

            migrationBuilder.DropColumn(
                name: "ChunkMaxTokens",
                table: "Bots");

            migrationBuilder.DropColumn(
                name: "ChunkOverlapTokens",
                table: "Bots");

            migrationBuilder.DropColumn(
                name: "ScoreThreshold",
                table: "Bots");

            migrationBuilder.AlterColumn<NpgsqlTsVector>(
                name: "SearchVector",
                table: "Chunks",
                type: "tsvector",
                nullable: true,
                oldClrType: typeof(NpgsqlTsVector),
                oldType: "tsvector",
                oldNullable: true,
                oldComputedColumnSql: "setweight(to_tsvector('english', \"HeadingPath\"), 'A') || setweight(to_tsvector('english', \"Text\"), 'B')")
                .Annotation("Npgsql:TsVectorConfig", "english")
                .Annotation("Npgsql:TsVectorProperties", new[] { "Text" });
        }
    }
}
