namespace CandleFunctions.Core.RateLimiting;

/// <summary>A reservation still waiting for its response: its weight is charged to windows First..Last.</summary>
/// <param name="Id">Increasing in reservation order, so a response can tell which of our requests were sent before it.</param>
public sealed record WeightTicket(long Id, int Weight, long First, long Last);
