namespace CandleFunctions.Engine.Tests.Support;

/// <summary>Engine tests share one Azurite (each has its own task hub) and run one at a time: each engine polls and works hard.</summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<StorageEmulator>
{
    public const string Name = "Engine";
}
