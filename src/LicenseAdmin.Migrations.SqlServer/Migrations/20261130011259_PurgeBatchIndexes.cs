using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicenseAdmin.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PurgeBatchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceProvisionings_State_RetainedUntilUtc",
                table: "ServiceProvisionings");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceProvisionings_State_RetainedUntilUtc_Id",
                table: "ServiceProvisionings",
                columns: new[] { "State", "RetainedUntilUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_DeletedUtc_Id",
                table: "DirectoryUsers",
                columns: new[] { "DeletedUtc", "Id" },
                filter: "[DeletedUtc] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceProvisionings_State_RetainedUntilUtc_Id",
                table: "ServiceProvisionings");

            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_DeletedUtc_Id",
                table: "DirectoryUsers");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceProvisionings_State_RetainedUntilUtc",
                table: "ServiceProvisionings",
                columns: new[] { "State", "RetainedUntilUtc" });
        }
    }
}
