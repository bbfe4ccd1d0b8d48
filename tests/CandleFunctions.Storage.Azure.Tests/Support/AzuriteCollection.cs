namespace CandleFunctions.Storage.Azure.Tests.Support;

/// <summary>Tests that share one Azurite process; each test uses its own container.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteServer>
{
    public const string Name = "Azurite";
}
