using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicenseAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LicenseAssignmentsByTenantAndUser : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_LicenseAssignments_TenantId_UserId_ProductId",
                table: "LicenseAssignments",
                columns: new[] { "TenantId", "UserId", "ProductId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LicenseAssignments_TenantId_UserId_ProductId",
                table: "LicenseAssignments");
        }
    }
}
