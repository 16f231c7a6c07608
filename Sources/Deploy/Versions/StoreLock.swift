import Foundation

/// An exclusive lock on a file (flock), held by one hbdeck process at a time; the kernel lets it go when
/// the process ends, however it ends.
struct StoreLock {
    let url: URL

    init(_ url: URL) {
        self.url = url
    }

    func holding<T>(_ work: () throws -> T) throws -> T {
        let fd = open(url.path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw DeployProblem(.folder, "cannot open \(url.path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw DeployProblem(.folder, "cannot lock \(url.path): \(String(cString: strerror(errno)))")
            }
        }
        defer { flock(fd, LOCK_UN) }
        return try work()
    }
}
