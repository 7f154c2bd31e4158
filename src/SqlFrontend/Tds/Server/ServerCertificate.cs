using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PredictEngine.SqlFrontend.Tds.Server;

/// <summary>
/// The TLS certificate: the configured PFX, or a self-signed one generated on first start into the data
/// directory (clients connect to it with TrustServerCertificate=true, as to a fresh SQL Server).
/// </summary>
public static class ServerCertificate
{
    public const string GeneratedFileName = "tds-server.pfx";

    public static X509Certificate2 Load(TdsServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CertificatePath is not null)
        {
            return X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
        }

        Directory.CreateDirectory(options.DataDirectory);
        var path = Path.Combine(options.DataDirectory, GeneratedFileName);
        if (File.Exists(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        }

        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={options.ServerName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(options.ServerName);
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        var pfx = certificate.Export(X509ContentType.Pfx);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, pfx);
        File.Move(temporary, path, overwrite: true);
        return X509CertificateLoader.LoadPkcs12(pfx, password: null);
    }
}
