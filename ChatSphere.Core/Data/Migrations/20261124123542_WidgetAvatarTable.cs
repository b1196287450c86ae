using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatSphere.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class WidgetAvatarTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WidgetAvatarUpdatedAt",
                table: "Bots",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BotAvatars",
                columns: table => new
                {
                    BotId = table.Column<Guid>(type: "uuid", nullable: false),
                    Bytes = table.Column<byte[]>(type: "bytea", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BotAvatars", x => x.BotId);
                    table.ForeignKey(
                        name: "FK_BotAvatars_Bots_BotId",
                        column: x => x.BotId,
                        principalTable: "Bots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Existing avatars move to their own table before the old columns go.
            migrationBuilder.Sql("""
                INSERT INTO "BotAvatars" ("BotId", "Bytes", "ContentType")
                SELECT "Id", "WidgetAvatar", coalesce("WidgetAvatarContentType", 'application/octet-stream')
                FROM "Bots" WHERE "WidgetAvatar" IS NOT NULL;
                UPDATE "Bots" SET "WidgetAvatarUpdatedAt" = "UpdatedAt" WHERE "WidgetAvatar" IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "WidgetAvatar",
                table: "Bots");

            migrationBuilder.DropColumn(
                name: "WidgetAvatarContentType",
                table: "Bots");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BotAvatars");

            migrationBuilder.DropColumn(
                name: "WidgetAvatarUpdatedAt",
                table: "Bots");

            migrationBuilder.AddColumn<byte[]>(
                name: "WidgetAvatar",
                table: "Bots",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WidgetAvatarContentType",
                table: "Bots",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);
        }
    }
}
