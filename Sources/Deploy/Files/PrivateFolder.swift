import Foundation

/// A folder only this user can read, in memory (`/dev/shm`) where there is one: where secrets pass to a
/// helper container. Removed with everything in it.
struct PrivateFolder {
    let url: URL

    init() throws {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        var template = Array("\(base)/hbdeck-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw DeployProblem(.folder, "cannot make a private folder in \(base): \(String(cString: strerror(errno)))")
        }
        url = URL(fileURLWithPath: String(cString: made), isDirectory: true)
    }

    func write(_ name: String, _ data: Data) throws {
        try AtomicFile.write(data, to: url.appendingPathComponent(name), permissions: 0o600)
    }

    func read(_ name: String) -> Data? {
        FileManager.default.contents(atPath: url.appendingPathComponent(name).path)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
