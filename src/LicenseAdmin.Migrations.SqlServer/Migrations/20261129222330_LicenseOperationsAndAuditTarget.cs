using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicenseAdmin.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class LicenseOperationsAndAuditTarget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "TargetId",
                table: "AuditEntries",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LicenseOperations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    AppliedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActorUpn = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    UserCount = table.Column<int>(type: "int", nullable: false),
                    UndoOfOperationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    UndoneByOperationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenseOperations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LicenseOperations_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_TargetId",
                table: "AuditEntries",
                column: "TargetId");

            migrationBuilder.CreateIndex(
                name: "IX_LicenseOperations_TenantId_AppliedUtc",
                table: "LicenseOperations",
                columns: new[] { "TenantId", "AppliedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LicenseOperations");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_TargetId",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "TargetId",
                table: "AuditEntries");
        }
    }
}
