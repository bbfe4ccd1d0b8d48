namespace CandleFunctions.Binance.Tests.Archive;

/// <summary>Archive client tests share one simulator and run one at a time, so its counters are theirs.</summary>
[CollectionDefinition(Name)]
public sealed class ArchiveSimulatorCollection : ICollectionFixture<ArchiveSimulatorFixture>
{
    public const string Name = "archive simulator";
}
