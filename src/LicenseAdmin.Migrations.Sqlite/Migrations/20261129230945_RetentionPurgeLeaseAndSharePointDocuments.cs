using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicenseAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RetentionPurgeLeaseAndSharePointDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PurgeLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PurgeLeases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "SharePointDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerDisplayName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharePointDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SharePointDocuments_DirectoryUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "DirectoryUsers",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_SharePointDocuments_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SharePointDocuments_OwnerUserId",
                table: "SharePointDocuments",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_SharePointDocuments_TenantId",
                table: "SharePointDocuments",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PurgeLeases");

            migrationBuilder.DropTable(
                name: "SharePointDocuments");
        }
    }
}
