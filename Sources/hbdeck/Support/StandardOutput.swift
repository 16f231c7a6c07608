import Foundation

/// Writes to stdout and stderr without buffering surprises, for text and raw log bytes.
enum StandardOutput {
    static func line(_ text: String) {
        write(Array((text + "\n").utf8), to: FileHandle.standardOutput)
    }

    static func error(_ text: String) {
        write(Array((text + "\n").utf8), to: FileHandle.standardError)
    }

    static func raw(_ bytes: [UInt8], toStandardError: Bool = false) {
        write(bytes, to: toStandardError ? FileHandle.standardError : FileHandle.standardOutput)
    }

    private static func write(_ bytes: [UInt8], to handle: FileHandle) {
        handle.write(Data(bytes))
    }
}
