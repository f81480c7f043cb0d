using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicenseAdmin.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PurgeIndexesForBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceProvisionings_State_RetainedUntilUtc",
                table: "ServiceProvisionings");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceProvisionings_Retained_RetainedUntilUtc",
                table: "ServiceProvisionings",
                column: "RetainedUntilUtc",
                filter: "[State] = 'Retained'");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceProvisionings_Retained_TenantId_RetainedUntilUtc",
                table: "ServiceProvisionings",
                columns: new[] { "TenantId", "RetainedUntilUtc" },
                filter: "[State] = 'Retained'");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_Deleted_DeletedUtc",
                table: "DirectoryUsers",
                column: "DeletedUtc",
                filter: "[DeletedUtc] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceProvisionings_Retained_RetainedUntilUtc",
                table: "ServiceProvisionings");

            migrationBuilder.DropIndex(
                name: "IX_ServiceProvisionings_Retained_TenantId_RetainedUntilUtc",
                table: "ServiceProvisionings");

            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_Deleted_DeletedUtc",
                table: "DirectoryUsers");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceProvisionings_State_RetainedUntilUtc",
                table: "ServiceProvisionings",
                columns: new[] { "State", "RetainedUntilUtc" });
        }
    }
}
