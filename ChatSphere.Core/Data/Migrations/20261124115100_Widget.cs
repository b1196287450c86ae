using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatSphere.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Widget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DailyTokenBudget",
                table: "Bots",
                type: "integer",
                nullable: false,
                defaultValue: 200000); // Existing bots get the same budget as new ones.

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

            migrationBuilder.AddColumn<string>(
                name: "WidgetColor",
                table: "Bots",
                type: "character varying(7)",
                maxLength: 7,
                nullable: false,
                defaultValue: "#2563eb");

            migrationBuilder.AddColumn<string>(
                name: "WidgetPosition",
                table: "Bots",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "BottomRight");

            migrationBuilder.AddColumn<string>(
                name: "WidgetTitle",
                table: "Bots",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiKeys_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BotUsage",
                columns: table => new
                {
                    BotId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Tokens = table.Column<long>(type: "bigint", nullable: false),
                    Messages = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BotUsage", x => new { x.BotId, x.Day });
                    table.ForeignKey(
                        name: "FK_BotUsage_Bots_BotId",
                        column: x => x.BotId,
                        principalTable: "Bots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Hash",
                table: "ApiKeys",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_UserId",
                table: "ApiKeys",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "BotUsage");

            migrationBuilder.DropColumn(
                name: "DailyTokenBudget",
                table: "Bots");

            migrationBuilder.DropColumn(
                name: "WidgetAvatar",
                table: "Bots");

            migrationBuilder.DropColumn(
                name: "WidgetAvatarContentType",
                table: "Bots");

            migrationBuilder.DropColumn(
                name: "WidgetColor",
                table: "Bots");

            migrationBuilder.DropColumn(
                name: "WidgetPosition",
                table: "Bots");

            migrationBuilder.DropColumn(
                name: "WidgetTitle",
                table: "Bots");
        }
    }
}
