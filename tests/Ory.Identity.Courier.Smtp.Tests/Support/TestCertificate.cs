using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ory.Identity.Courier.Smtp.Tests.Support;

/// <summary>A throwaway self-signed certificate for 127.0.0.1 and localhost, as PEM files in a temporary folder.</summary>
internal sealed class TestCertificate : IDisposable
{
    private readonly string _folder;

    public TestCertificate()
    {
        _folder = Directory.CreateTempSubdirectory("ory-identity-smtp-cert-").FullName;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CertificatePath = Path.Combine(_folder, "cert.pem");
        KeyPath = Path.Combine(_folder, "key.pem");
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
