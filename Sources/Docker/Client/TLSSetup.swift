import Foundation
import NIOSSL

enum TLSSetup {
    static func configuration(for files: DockerEndpoint.TLSFiles) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        for path in [files.certificateFile, files.keyFile] where !FileManager.default.fileExists(atPath: path) {
            throw DockerError.tls(
                "missing \(path) (set DOCKER_CERT_PATH to the folder with ca.pem, cert.pem and key.pem)")
        }
        do {
            tls.certificateChain = try NIOSSLCertificate.fromPEMFile(files.certificateFile).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: files.keyFile, format: .pem))
            if files.verifyServer {
                guard FileManager.default.fileExists(atPath: files.caFile) else {
                    throw DockerError.tls("missing \(files.caFile)")
                }
                tls.trustRoots = .file(files.caFile)
            } else {
                tls.certificateVerification = .none
            }
        } catch let error as DockerError {
            throw error
        } catch {
            throw DockerError.tls("\(error)")
        }
        return tls
    }
}
