using CandleFunctions.Binance.Archive;

namespace CandleFunctions.Sync;

/// <summary>The public-archive fast path: what to download (planner), how (client), and what exists (listing).</summary>
public sealed record ArchiveSource(ArchivePlanner Planner, ArchiveClient Client, ArchiveListingClient Listing);
