namespace CandleFunctions.Cli.Tests.Support;

/// <summary>
/// Tests paced by compressed (one- or two-second) weight windows run alone: the client allows 250 ms between
/// reserving weight and the server counting it, and a machine busy with parallel tests can stall a request longer.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PacedCollection
{
    public const string Name = "Paced by compressed weight windows";
}
