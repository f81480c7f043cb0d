using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LicenseAdmin.Migrations.SqlServer.Migrations
{
    /// <summary>
    /// DirectoryUsers.LicenseCount, kept by triggers on LicenseAssignments (decision 0006), with the indexes that let the
    /// Unlicensed and holds-product views count without probing every user. The triggers add each statement's net change
    /// per user to the stored value, so concurrent writers serialise on the user's row and never overwrite each other.
    /// Raw SQL runs through EXEC: CREATE TRIGGER must start its batch, and the idempotent script wraps every step in IF.
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
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql(
                """
                EXEC(N'UPDATE [DirectoryUsers] SET [LicenseCount] =
                    (SELECT COUNT(*) FROM [LicenseAssignments] AS a WHERE a.[UserId] = [DirectoryUsers].[Id]);');
                """);
            migrationBuilder.Sql(
                """
                EXEC(N'CREATE TRIGGER [TR_LicenseAssignments_CountInsert] ON [LicenseAssignments] AFTER INSERT AS
                BEGIN
                    SET NOCOUNT ON;
                    UPDATE u SET [LicenseCount] = u.[LicenseCount] + i.[Added]
                    FROM [DirectoryUsers] AS u
                    JOIN (SELECT [UserId], COUNT(*) AS [Added] FROM inserted GROUP BY [UserId]) AS i ON i.[UserId] = u.[Id];
                END');
                """);
            migrationBuilder.Sql(
                """
                EXEC(N'CREATE TRIGGER [TR_LicenseAssignments_CountDelete] ON [LicenseAssignments] AFTER DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    UPDATE u SET [LicenseCount] = u.[LicenseCount] - d.[Removed]
                    FROM [DirectoryUsers] AS u
                    JOIN (SELECT [UserId], COUNT(*) AS [Removed] FROM deleted GROUP BY [UserId]) AS d ON d.[UserId] = u.[Id];
                END');
                """);
            migrationBuilder.Sql(
                """
                EXEC(N'CREATE TRIGGER [TR_LicenseAssignments_CountUpdate] ON [LicenseAssignments] AFTER UPDATE AS
                BEGIN
                    SET NOCOUNT ON;
                    IF NOT UPDATE([UserId]) RETURN;
                    UPDATE u SET [LicenseCount] = u.[LicenseCount] + c.[Change]
                    FROM [DirectoryUsers] AS u
                    JOIN (SELECT moved.[UserId], SUM(moved.[Change]) AS [Change]
                          FROM (SELECT [UserId], 1 AS [Change] FROM inserted
                                UNION ALL SELECT [UserId], -1 AS [Change] FROM deleted) AS moved
                          GROUP BY moved.[UserId]) AS c ON c.[UserId] = u.[Id]
                    WHERE c.[Change] <> 0;
                END');
                """);

            migrationBuilder.CreateIndex(
                name: "IX_LicenseAssignments_TenantId_ProductId_UserId",
                table: "LicenseAssignments",
                columns: new[] { "TenantId", "ProductId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_TenantId_DeletedUtc_LicenseCount_DisplayName_Id",
                table: "DirectoryUsers",
                columns: new[] { "TenantId", "DeletedUtc", "LicenseCount", "DisplayName", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER [TR_LicenseAssignments_CountInsert];");
            migrationBuilder.Sql("DROP TRIGGER [TR_LicenseAssignments_CountDelete];");
            migrationBuilder.Sql("DROP TRIGGER [TR_LicenseAssignments_CountUpdate];");

            migrationBuilder.DropIndex(
                name: "IX_LicenseAssignments_TenantId_ProductId_UserId",
                table: "LicenseAssignments");

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
