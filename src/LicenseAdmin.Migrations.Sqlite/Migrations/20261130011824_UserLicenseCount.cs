using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicenseAdmin.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// DirectoryUsers.LicenseCount, kept by triggers on LicenseAssignments (decision 0006), with the indexes that let the
    /// Unlicensed and holds-product views count without probing every user. A later migration that rebuilds
    /// DirectoryUsers or LicenseAssignments (SQLite rebuilds a table for most column changes) must drop these
    /// triggers first and create them again after: the rebuild fails on the first table and silently loses them on the second.
    /// </summary>
    public partial class UserLicenseCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LicenseAssignments_TenantId_ProductId",
                table: "LicenseAssignments");

            migrationBuilder.AddColumn<int>(
                name: "LicenseCount",
                table: "DirectoryUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql(
                """
                UPDATE "DirectoryUsers" SET "LicenseCount" =
                    (SELECT COUNT(*) FROM "LicenseAssignments" AS a WHERE a."UserId" = "DirectoryUsers"."Id");
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "TR_LicenseAssignments_CountInsert" AFTER INSERT ON "LicenseAssignments"
                BEGIN
                    UPDATE "DirectoryUsers" SET "LicenseCount" = "LicenseCount" + 1 WHERE "Id" = NEW."UserId";
                END;
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "TR_LicenseAssignments_CountDelete" AFTER DELETE ON "LicenseAssignments"
                BEGIN
                    UPDATE "DirectoryUsers" SET "LicenseCount" = "LicenseCount" - 1 WHERE "Id" = OLD."UserId";
                END;
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "TR_LicenseAssignments_CountUpdate" AFTER UPDATE OF "UserId" ON "LicenseAssignments"
                WHEN OLD."UserId" <> NEW."UserId"
                BEGIN
                    UPDATE "DirectoryUsers" SET "LicenseCount" = "LicenseCount" - 1 WHERE "Id" = OLD."UserId";
                    UPDATE "DirectoryUsers" SET "LicenseCount" = "LicenseCount" + 1 WHERE "Id" = NEW."UserId";
                END;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_LicenseAssignments_TenantId_ProductId_UserId",
                table: "LicenseAssignments",
                columns: new[] { "TenantId", "ProductId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_Id_TenantId_DeletedUtc",
                table: "DirectoryUsers",
                columns: new[] { "Id", "TenantId", "DeletedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_TenantId_DeletedUtc_LicenseCount_DisplayName_Id",
                table: "DirectoryUsers",
                columns: new[] { "TenantId", "DeletedUtc", "LicenseCount", "DisplayName", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "TR_LicenseAssignments_CountInsert";""");
            migrationBuilder.Sql("""DROP TRIGGER "TR_LicenseAssignments_CountDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER "TR_LicenseAssignments_CountUpdate";""");

            migrationBuilder.DropIndex(
                name: "IX_LicenseAssignments_TenantId_ProductId_UserId",
                table: "LicenseAssignments");

            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_Id_TenantId_DeletedUtc",
                table: "DirectoryUsers");

            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_TenantId_DeletedUtc_LicenseCount_DisplayName_Id",
                table: "DirectoryUsers");

            migrationBuilder.DropColumn(
                name: "LicenseCount",
                table: "DirectoryUsers");

            migrationBuilder.CreateIndex(
                name: "IX_LicenseAssignments_TenantId_ProductId",
                table: "LicenseAssignments",
                columns: new[] { "TenantId", "ProductId" });
        }
    }
}
