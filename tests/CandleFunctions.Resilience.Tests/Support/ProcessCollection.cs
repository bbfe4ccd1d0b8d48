namespace CandleFunctions.Resilience.Tests.Support;

/// <summary>Tests that run the real candles process: one at a time (two cores), sharing the reference run.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessCollection : ICollectionFixture<ReferenceRun>
{
    public const string Name = "candles processes";
}
