using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatSphere.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class QuotasAccountUsage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccountQuotas",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    MessagesPerMinute = table.Column<long>(type: "bigint", nullable: true),
                    MessagesPerDay = table.Column<long>(type: "bigint", nullable: true),
                    TokensPerDay = table.Column<long>(type: "bigint", nullable: true),
                    Documents = table.Column<long>(type: "bigint", nullable: true),
                    StoredBytes = table.Column<long>(type: "bigint", nullable: true),
                    Bots = table.Column<long>(type: "bigint", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountQuotas", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_AccountQuotas_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AccountUsage",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Messages = table.Column<int>(type: "integer", nullable: false),
                    Tokens = table.Column<long>(type: "bigint", nullable: false),
                    Minute = table.Column<int>(type: "integer", nullable: false),
                    MinuteMessages = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountUsage", x => new { x.UserId, x.Day });
                    table.ForeignKey(
                        name: "FK_AccountUsage_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountQuotas");

            migrationBuilder.DropTable(
                name: "AccountUsage");
        }
    }
}
