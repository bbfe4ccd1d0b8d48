namespace CandleFunctions.Tests.Support;

/// <summary>Tests sharing one Azurite process; each uses its own containers.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<Azurite>
{
    public const string Name = "Azurite";
}
