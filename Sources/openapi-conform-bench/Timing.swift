import Foundation

/// The one timing rule every benchmark follows.
enum Timing {
    /// Median wall time of `runs` calls, after one warm-up call. The result is consumed so nothing is elided.
    static func median(_ runs: Int, _ work: () -> Int) -> Double {
        var sink = work()
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            sink &+= work()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        if sink == Int.min { print(sink) }
        times.sort()
        return times[times.count / 2]
    }

    /// Medians of two kinds of work timed in alternation, so that both see the same machine: on a shared machine
    /// the speed drifts over seconds, and a ratio of two medians taken one after the other drifts with it.
    static func alternatingMedians(_ runs: Int, _ first: () -> Int, _ second: () -> Int) -> (Double, Double) {
        var sink = first() &+ second()
        var firstTimes: [Double] = []
        var secondTimes: [Double] = []
        for _ in 0..<max(1, runs) {
            var start = DispatchTime.now().uptimeNanoseconds
            sink &+= first()
            firstTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            start = DispatchTime.now().uptimeNanoseconds
            sink &+= second()
            secondTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        if sink == Int.min { print(sink) }
        firstTimes.sort()
        secondTimes.sort()
        return (firstTimes[firstTimes.count / 2], secondTimes[secondTimes.count / 2])
    }
}
