using CandleFunctions.Core.RateLimiting;

namespace CandleFunctions.Core.Tests.RateLimiting;

public class WeightBudgetOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => new WeightBudgetOptions().Validate();

    [Theory]
    [InlineData(-0.01)]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    public void Validate_SafetyFractionOutOfRange_Throws(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightBudgetOptions { SafetyFraction = fraction }.Validate());

    [Fact]
    public void Validate_NegativeClockUncertainty_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightBudgetOptions { ClockUncertainty = TimeSpan.FromMilliseconds(-1) }.Validate());
}
