namespace BinanceSimulator.Rest.Faults;

/// <summary>Probabilities of each injected REST fault, drawn per request from a seeded sequence.</summary>
public sealed class FaultOptions
{
    /// <summary>Seed of the fault sequence: the same seed and request order give the same faults. <value>0</value></summary>
    public int Seed { get; set; }

    /// <summary>Only klines requests get random faults (forced faults and latency apply everywhere). <value>true</value></summary>
    public bool KlinesOnly { get; set; } = true;

    /// <summary>Chance of HTTP 503 "Service Unavailable." (weight not counted). <value>0</value></summary>
    public double ServiceUnavailableRate { get; set; }

    /// <summary>Chance of HTTP 503 "Unknown error, ..." (weight counted). <value>0</value></summary>
    public double UnknownErrorRate { get; set; }

    /// <summary>Chance the connection is aborted before any response (weight counted). <value>0</value></summary>
    public double DropConnectionRate { get; set; }

    /// <summary>Chance the response is held back by <see cref="SlowResponseDelay"/>. <value>0</value></summary>
    public double SlowResponseRate { get; set; }

    /// <summary>Chance only part of the body is sent before the connection is aborted. <value>0</value></summary>
    public double TruncatedBodyRate { get; set; }

    /// <summary>Chance the body is cut in half with a Content-Length that matches the cut (as a proxy might). <value>0</value></summary>
    public double CutBodyRate { get; set; }

    /// <summary>Chance the body is sent as <c>Content-Encoding: gzip</c> but is not gzip, so it cannot be decompressed. <value>0</value></summary>
    public double UndecodableBodyRate { get; set; }

    /// <summary>How long a slow response is held back (real time). <value>30 seconds</value></summary>
    public TimeSpan SlowResponseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        var rates = new[] { ServiceUnavailableRate, UnknownErrorRate, DropConnectionRate, SlowResponseRate, TruncatedBodyRate, CutBodyRate, UndecodableBodyRate };
        if (rates.Any(r => r is < 0 or > 1 || double.IsNaN(r)) || rates.Sum() > 1)
            throw new ArgumentException("Rest.Faults rates must each lie in [0, 1] and sum to at most 1.", nameof(FaultOptions));
        if (SlowResponseDelay < TimeSpan.Zero)
            throw new ArgumentException("Rest.Faults.SlowResponseDelay must not be negative.", nameof(SlowResponseDelay));
    }
}
