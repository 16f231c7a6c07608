import Testing

@testable import Monitor

@Suite struct KernelFileTests {
    @Test func numbersParseWithTheirNewlineAndNothingElse() {
        #expect(KernelFile.parseNumber(Array("123\n".utf8)[...]) == 123)
        #expect(KernelFile.parseNumber(Array("  42 ".utf8)[...]) == 42)
        #expect(KernelFile.parseNumber(Array("max\n".utf8)[...]) == nil)
        #expect(KernelFile.parseNumber(Array("".utf8)[...]) == nil)
        #expect(KernelFile.parseNumber(Array("18446744073709551616".utf8)[...]) == nil)
        #expect(KernelFile.parseNumber(Array("9223372036854771712\n".utf8)[...]) == 9_223_372_036_854_771_712)
    }

    @Test func aStatFieldIsFoundByItsWholeKey() {
        let stat = Array("cache 4096\ninactive_file 8192\ntotal_inactive_file 12288\nusage_usec 77\n".utf8)
        #expect(KernelFile.field(stat, "inactive_file") == 8192)
        #expect(KernelFile.field(stat, "total_inactive_file") == 12288)
        #expect(KernelFile.field(stat, "usage_usec") == 77)
        #expect(KernelFile.field(stat, "active_file") == nil)
    }

    @Test func networkTotalsLeaveLoopbackOut() {
        let dev = Array(
            """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:  999999     100    0    0    0     0          0         0   999999     100    0    0    0     0       0          0
              eth0:    1500      10    0    0    0     0          0         0     2500      20    0    0    0     0       0          0
              eth1:     500       5    0    0    0     0          0         0      100       1    0    0    0     0       0          0

            """.utf8)
        let (rx, tx) = CgroupReader.networkTotals(dev)
        #expect(rx == 2000)
        #expect(tx == 2600)
    }
}
