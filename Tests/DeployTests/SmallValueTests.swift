import Deploy
import Docker
import Foundation
import HBModel
import Testing

struct SmallValueTests {
    @Test func memorySizesAreReadAsDockerReadsThem() {
        #expect(MemorySize.bytes("512m") == 512 << 20)
        #expect(MemorySize.bytes("2G") == 2 << 30)
        #expect(MemorySize.bytes("1.5g") == 3 << 29)
        #expect(MemorySize.bytes("65536") == 65536)
        #expect(MemorySize.bytes("100mb") == 100 << 20)
        for bad in ["", "m", "-1m", "0", "nan", "1e300g", "12x"] { #expect(MemorySize.bytes(bad) == nil, "\(bad)") }
    }

    @Test func aSecretNeverPrints() {
        let secret = Secret("hunter2")
        #expect("\(secret)" == "••••")
        #expect(String(reflecting: secret) == "••••")
    }
}
