using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicenseAdmin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeletedUsersFreeTheirUsername : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_UserPrincipalName",
                table: "DirectoryUsers");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_UserPrincipalName",
                table: "DirectoryUsers",
                column: "UserPrincipalName",
                unique: true,
                filter: "[DeletedUtc] IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_UserPrincipalName",
                table: "DirectoryUsers");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_UserPrincipalName",
                table: "DirectoryUsers",
                column: "UserPrincipalName",
                unique: true);
        }
    }
}
