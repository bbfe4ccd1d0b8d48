namespace BinanceSimulator.Tests.Archive;

/// <summary>Archive test classes share one host.</summary>
[CollectionDefinition(Name)]
public sealed class ArchiveCollection : ICollectionFixture<ArchiveHostFixture>
{
    public const string Name = "archive";
}
