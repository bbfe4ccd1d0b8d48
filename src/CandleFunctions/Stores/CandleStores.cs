using CandleFunctions.Storage;

namespace CandleFunctions.Stores;

/// <summary>The store of record (the blob container in Azure) and the optional local mirror the merge also writes.</summary>
public sealed record CandleStores(ICandleStore Primary, ICandleStore? Mirror);
