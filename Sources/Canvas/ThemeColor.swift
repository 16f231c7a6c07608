/// A colour as a theme file names it: `default`, one of the 16 named colours, `colorN` (0–255) or `#rrggbb`.
public enum ThemeColor: Sendable, Equatable {
    case terminalDefault
    case indexed(Int)
    case rgb(UInt8, UInt8, UInt8)

    static let names = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan",
        "bright-white",
    ]

    public init?(parsing text: String) {
        let word = text.lowercased()
        if word == "default" {
            self = .terminalDefault
        } else if let index = Self.names.firstIndex(of: word) {
            self = .indexed(index)
        } else if word.hasPrefix("color"), let n = Int(word.dropFirst(5)), (0...255).contains(n) {
            self = .indexed(n)
        } else if word.hasPrefix("#"), word.count == 7, let value = UInt32(word.dropFirst(), radix: 16) {
            self = .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        } else {
            return nil
        }
    }

    /// The nearest colour a terminal with `available` colours can show (8, 16, 256); nil for the default.
    public func index(forTerminalColors available: Int) -> Int? {
        switch self {
        case .terminalDefault: return nil
        case .indexed(let n):
            if n < available { return n }
            if n < 16 { return n - 8 }
            return Self.nearestBasic(Self.rgbOf(index: n), limit: min(available, 16))
        case .rgb(let r, let g, let b):
            if available >= 256 { return Self.cubeIndex(r, g, b) }
            return Self.nearestBasic((Int(r), Int(g), Int(b)), limit: min(available, 16))
        }
    }

    static func cubeIndex(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        func level(_ c: UInt8) -> Int { c < 48 ? 0 : c < 115 ? 1 : (Int(c) - 35) / 40 }
        return 16 + 36 * level(r) + 6 * level(g) + level(b)
    }

    static let basicRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]

    static func rgbOf(index n: Int) -> (Int, Int, Int) {
        if n < 16 { return basicRGB[n] }
        if n >= 232 {
            let v = 8 + (n - 232) * 10
            return (v, v, v)
        }
        let c = n - 16
        func scale(_ v: Int) -> Int { v == 0 ? 0 : 55 + v * 40 }
        return (scale(c / 36), scale(c / 6 % 6), scale(c % 6))
    }

    static func nearestBasic(_ rgb: (Int, Int, Int), limit: Int) -> Int {
        var best = 0
        var bestDistance = Int.max
        for (i, c) in basicRGB.prefix(limit).enumerated() {
            let d = (c.0 - rgb.0) * (c.0 - rgb.0) + (c.1 - rgb.1) * (c.1 - rgb.1) + (c.2 - rgb.2) * (c.2 - rgb.2)
            if d < bestDistance {
                best = i
                bestDistance = d
            }
        }
        return best
    }
}
