using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicenseAdmin.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class GridIndexCoversSortById : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_TenantId_DeletedUtc_DisplayName",
                table: "DirectoryUsers");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_TenantId_DeletedUtc_DisplayName_Id",
                table: "DirectoryUsers",
                columns: new[] { "TenantId", "DeletedUtc", "DisplayName", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_TenantId_DeletedUtc_DisplayName_Id",
                table: "DirectoryUsers");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_TenantId_DeletedUtc_DisplayName",
                table: "DirectoryUsers",
                columns: new[] { "TenantId", "DeletedUtc", "DisplayName" });
        }
    }
}
