namespace BinanceSimulator.Rest.Faults;

/// <summary>A reproducible number in [0, 1) for (seed, index, salt), the same on every platform.</summary>
public static class SeededUnit
{
    public static double At(int seed, long index, int salt)
    {
        // SplitMix64 finaliser: well mixed, stateless, so draws need no shared Random instance.
        var z = ((ulong)(uint)seed << 32) ^ (ulong)index ^ ((ulong)salt << 56);
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) / (double)(1UL << 53);
    }
}
