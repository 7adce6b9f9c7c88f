using LiteDB;

namespace ImrGrpc.Storage;

/// <summary>
/// The BsonMapper every store uses. LiteDB's default mapper trims strings, turns "" into null and returns local
/// times; guideline text must round-trip exactly and times are UTC.
/// </summary>
internal static class StoreMapper
{
    public static BsonMapper Create()
    {
        var mapper = new BsonMapper
        {
            TrimWhitespace = false,
            EmptyStringToNull = false,
            SerializeNullValues = false,
            EnumAsInteger = false,
        };
        mapper.RegisterType<DateTime>(
            serialize: value => new BsonValue(DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc)),
            deserialize: bson => DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc));
        return mapper;
    }
}
