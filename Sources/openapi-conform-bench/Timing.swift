import Foundation

/// The one timing rule every benchmark follows.
///
/// A run's result is kept alive until its clock has stopped and freed after, so that a time is the time to
/// produce something, not to produce and free it; `medianOfFreeing` times the freeing on its own.
enum Timing {
    /// Median wall time of `runs` calls, after one warm-up call.
    static func median<Result>(_ runs: Int, _ work: () -> Result) -> Double {
        _ = work()
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            times.append(timed(work))
        }
        return middle(times)
    }

    /// Medians of two kinds of work timed in alternation, so that both see the same machine: on a shared machine
    /// the speed drifts over seconds, and a ratio of two medians taken one after the other drifts with it.
    static func alternatingMedians<First, Second>(
        _ runs: Int, _ first: () -> First, _ second: () -> Second
    ) -> (Double, Double) {
        _ = first()
        _ = second()
        var firstTimes: [Double] = []
        var secondTimes: [Double] = []
        for _ in 0..<max(1, runs) {
            firstTimes.append(timed(first))
            secondTimes.append(timed(second))
        }
        return (middle(firstTimes), middle(secondTimes))
    }

    /// Median wall time of freeing what `work` builds (built untimed, then dropped on the clock).
    static func medianOfFreeing<Result>(_ runs: Int, _ work: () -> Result) -> Double {
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            var built: Result? = work()
            let start = DispatchTime.now().uptimeNanoseconds
            built = nil
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            keep(built)
        }
        return middle(times)
    }

    /// One call's wall time; its result lives until the clock has been read.
    private static func timed<Result>(_ work: () -> Result) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = work()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        keep(result)
        return elapsed
    }

    /// Uses a result so that the work producing it cannot be left out, and keeps it alive to this point.
    @_optimize(none)
    private static func keep<Result>(_ result: Result) {}

    private static func middle(_ times: [Double]) -> Double {
        times.sorted()[times.count / 2]
    }
}
