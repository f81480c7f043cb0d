using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LicenseAdmin.Infrastructure.Persistence.BulkRows;

/// <summary>One column a new row fills: its quoted name, EF's type mapping for it, and how to read its value from an entity.</summary>
internal sealed record BulkRowColumn(string QuotedName, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool IsNullable)
{
    public object? ValueOf(object entity) => Getter.GetClrValueUsingContainingEntity(entity);

    /// <summary>The value as the provider stores it (what <see cref="RelationalTypeMapping.CreateParameter"/> does to a value).</summary>
    public object ProviderValueOf(object entity)
    {
        var value = ValueOf(entity);
        if (value is Enum && Mapping.Converter is null) value = Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()));
        if (Mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
        return value ?? DBNull.Value;
    }
}

/// <summary>
/// The table of an entity type and the columns a new row fills (store-generated ones, such as identity keys and the
/// trigger-kept license count, are left to the database). Read from the EF model, so every writer stores a row exactly
/// as SaveChanges would.
/// </summary>
internal sealed class BulkRowTable(string name, string quotedName, IReadOnlyList<BulkRowColumn> columns)
{
    // Built once per entity type of a model (the model, and so its entity types, differ per provider).
    private static readonly ConcurrentDictionary<IEntityType, BulkRowTable> Tables = new();

    public string Name { get; } = name;
    public string QuotedName { get; } = quotedName;
    public IReadOnlyList<BulkRowColumn> Columns { get; } = columns;
    public string ColumnList => string.Join(", ", Columns.Select(c => c.QuotedName));

    public static BulkRowTable Of(AppDbContext db, Type clrType)
    {
        var entityType = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not in the model.");
        return Tables.GetOrAdd(entityType, static (type, sql) => Build(type, sql), db.GetService<ISqlGenerationHelper>());
    }

    private static BulkRowTable Build(IEntityType entityType, ISqlGenerationHelper sql)
    {
        var clrType = entityType.ClrType;
        var tableName = entityType.GetTableName() ?? throw new InvalidOperationException($"{clrType.Name} is not mapped to a table.");
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => p.ValueGenerated == ValueGenerated.Never)
            .Select(p => p.IsShadowProperty()
                ? throw new InvalidOperationException($"{clrType.Name}.{p.Name} is a shadow property; bulk inserts read values from the entity.")
                : new BulkRowColumn(sql.DelimitIdentifier(p.GetColumnName(table)!), p.GetRelationalTypeMapping(), p.GetGetter(), p.IsNullable))
            .ToList();
        return new BulkRowTable(tableName, sql.DelimitIdentifier(tableName, entityType.GetSchema()), columns);
    }
}
