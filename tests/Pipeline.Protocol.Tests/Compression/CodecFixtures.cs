namespace Pipeline.Protocol.Tests.Compression;

/// <summary>
/// Compressed bytes made by other implementations on a Debian 12 machine, all decoding to
/// <see cref="CodecTestData.FixtureInput"/> (the two-part ones: its halves concatenated; the linked lz4
/// frame: the input twice). Made with: gzip 1.12 CLI; python3-snappy 0.5.3 (raw block);
/// kafka-python 2.0.2 kafka.codec (snappy_encode xerial, lz4_encode, lz4_encode_old_kafka);
/// lz4 1.9.4 CLI; python3-lz4 4.0.2 lz4.frame (64 KiB linked blocks, block + content checksums);
/// zstd 1.5.4 CLI reading stdin (no content size); python3-zstandard 0.20 (content size).
/// </summary>
internal static class CodecFixtures
{
    // 611 bytes
    public static readonly byte[] GzipCli = Convert.FromBase64String(
        """
        H4sICKM8AmsAA2lucHV0LnR4dADt181pHEEABeG7opgQPP3f8cgjvCBWwkig8I3n/qACqGvzTsX2bH/vj+d1/Do+3o6vP9fx+fi8
        3v+fvH78vl6Pt8fP1/ff6+U+OsmokFElo0ZGnYwGGU0yWmS0UUyWHDU/UfQTVT9R9hN1P1H4E5U/UfoTtS+ofWG/d9S+oPYFtS+o
        fUHtC2pfUPuC2lfUvqL2lX1sUPuK2lfUvqL2FbWvqH1F7Rtq31D7hto39qVH7Rtq31D7hto31L6h9h2176h9R+07at/Z3yxq31H7
        jtp31L6j9gO1H6j9QO0Haj9Q+8HeOKj9QO0Haj9Q+4naT9R+ovYTtZ+o/UTtJ3tgovYTtZ+o/ULtF2q/UPuF2i/UfqH2C7Vf7HWP
        2i/UfqP2G7XfqP1G7Tdqv1H7jdpv1H4zWqH2albNqlk1G1ZqVs2q2bRSs2pWzaZnlZpVs2o2rdSsmlWzalbNqlk1q2bVbFqpWTWr
        ZtNKzapZNZtWavY+UrNqVs2q2Xj11ayaVbNppWbVrJpNKzWrZtVsWqlZNatm1ayaVbNqVs2q2bRSs2pWzaaVmlWzajat1OxTzd4r
        Natm1WxaqVk1q2bTSs2qWTWbVmpWzarZtFKz95GaVbNqVs3Gq69m1ayaTSs1q2bVbFqpWTWrZtNKzapZNatm1ayaVbNqVs2mlZpV
        s2o2rdSsmlWzaaVmn2r2XqlZNatm00rNqlk1m1ZqVs2q2bRSs2pWzaaVmr2P1KyaVbNqNl59Natm1WxaqVk1q2bTSs2qWTWbVmr2
        evkHHjnY9AyUAAA=
        """);

    // 987 bytes
    public static readonly byte[] GzipTwoMembers = Convert.FromBase64String(
        """
        H4sIAAAAAAACA+3XQUoEMRQG4b2nyBFM8vKSnGfswYbBGWQEjy96gtoKtQ3/6qNJp27nx1Fey/1anu9HeZyP4/Z7crm/HZdyPb+f
        X5/Hy99RJaNGRp2MgowGGSUZTTJaZLQRJiNH5hWhV6ReEXtF7hXBVyRfEX1F9g3ZN/a9I/uG7Buyb8i+IfuG7Buyb8i+I/uO7Du7
        bJB9R/Yd2Xdk35F9R/Yd2QeyD2QfyD7YTY/sA9kHsg9kH8g+kP1A9gPZD2Q/kP1gv1lkP5D9QPYD2Q9kn8g+kX0i+0T2ieyTvXGQ
        fSL7RPaJ7Ceyn8h+IvuJ7Ceyn8h+sgcmsp/IfiL7hewXsl/IfiH7hewXsl/IfrHXPbJfyH4j+43sN7LfyH4j+43sN7LfyH6ztEL2
        1qw1a81as9asNWvNWrPWrDVrzVqz1qw1a81as9asNWvNWrPWrDVrzVqz1qw1a81as9asNWvNWrPWrDVrzVqz1qw1a81as9asNWvN
        WrPWrDVrzVqz1qw1a81as9asNWvNWrPWrDX7z2v2B0aCmU4GSgAAH4sIAAAAAAAEA+3bPWoDMRiE4T6n0BGif+k8jkwWTGyCAzl+
        sMkI0r1VqmnNVz2wa32a2cvxscJruJ7D/X2F23Fbl8cvp+vbOoXz8X3/+lwvz58iGUpkKJOhQoYqGWpkqJOhQYYmGYqMHJlHhB6R
        ekTsEblHBB+RfET0EdknZJ+QfUL2CdknZJ+QfUL2CdknZJ+QfUb2GdlnZJ+RfUb2GdlnZJ+RfUb2GdkXZF+QfUH2BdkXZF+QfUH2
        BdkXZF+QfUX2FdlXZF+RfUX2FdlXZF+RfUX2Fdk3ZN+QfUP2Ddk3ZN+QfUP2Ddk3ZN+QfUf2Hdl3ZN+RfUf2Hdl3ZN+RfUf2HdkP
        ZD+Q/UD2A9kPZD+Q/UD2A9kPZD+Q/UT2E9lPZD+R/UT2E9lPZD+R/UT2E9kjeiSP4JE7YkfqCB2ZM3Jvs7/XHwje26yui7zNSsLb
        7JZArxxvs/LyNisJb7OS8Da7JdApx9usvLzNSsLb7JZAG5W3WXl5m32kw95mV4joBsHZrJ4cZ7OScDYrCWezknA2uyXQqd7ZrLyc
        zUrC2eyWQKd6Z7PycjYrCWezknA2uyXQrb2z2RVQRIjON4zc2ayz2b8lfTeN9dZy03hLoDeOm8byctNYEm4abwm0UTmblZebxpJw
        01gSbhpvCXS8d9NYXm4aP7/AddM4+LtZPRNuGkvCTWNJuGm8JdA/rJvG8nLTWBJuGkvC2+yWQDdobhrLy01jSbhpvCXQDZqbxvL6
        16bxD0aCmU4GSgAA
        """);

    // 2145 bytes
    public static readonly byte[] SnappyRawPython = Convert.FromBase64String(
        """
        jKgCRGxpbmUgMCBvZiB0aGUgcGlwZQUSNGNvZGVjIGZpeHR1cmUKBRMAMY4lAAAyjiUAADOOJQAANI4lAAA1jiUAADaOJQAAN44l
        AAA4jiUAADmOJQAAMZZzAZJ0AQAxknUBADGSdgEAMZJ3AQAxkngBADGSeQEAMZJ6AQAxknsBADGSfAEAMpJ8AQAyknwBADKSfAEA
        MpJ8AQAyknwBADKSfAEAMpJ8AQAyknwBADKSfAEAMpJ8AQAzknwBADOSfAEAM5J8AQAzknwBADOSfAEAM5J8AQAzknwBADOSfAEA
        M5J8AQAzknwBADSSfAEANJJ8AQA0knwBADSSfAEANJJ8AQA0knwBADSSfAEANJJ8AQA0knwBADSSfAEANZJ8AQA1knwBADWSfAEA
        NZJ8AQA1knwBADWSfAEANZJ8AQA1knwBADWSfAEANZJ8AQA2knwBADaSfAEANpJ8AQA2knwBADaSfAEANpJ8AQA2knwBADaSfAEA
        NpJ8AQA2knwBADeSfAEAN5J8AQA3knwBADeSfAEAN5J8AQA3knwBADeSfAEAN5J8AQA3knwBADeSfAEAOJJ8AQA4knwBADiSfAEA
        OJJ8AQA4knwBADiSfAEAOJJ8AQA4knwBADiSfAEAOJJ8AQA5knwBADmSfAEAOZJ8AQA5knwBADmSfAEAOZJ8AQA5knwBADmSfAEA
        OZJ8AQA5knwBknsBknoBknkBkngBkncBknYBknUBknQBlnMB/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O
        /s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4O/s4Oqs4O
        """);

    // 2506 bytes
    public static readonly byte[] SnappyXerialKafkaPython = Convert.FromBase64String(
        """
        glNOQVBQWQAAAAABAAAAAQAAB3GAgAJEbGluZSAwIG9mIHRoZSBwaXBlBRI0Y29kZWMgZml4dHVyZQoFEwAxjiUAADKOJQAAM44l
        AAA0jiUAADWOJQAANo4lAAA3jiUAADiOJQAAOY4lAAAxlnMBknQBADGSdQEAMZJ2AQAxkncBADGSeAEAMZJ5AQAxknoBADGSewEA
        MZJ8AQAyknwBADKSfAEAMpJ8AQAyknwBADKSfAEAMpJ8AQAyknwBADKSfAEAMpJ8AQAyknwBADOSfAEAM5J8AQAzknwBADOSfAEA
        M5J8AQAzknwBADOSfAEAM5J8AQAzknwBADOSfAEANJJ8AQA0knwBADSSfAEANJJ8AQA0knwBADSSfAEANJJ8AQA0knwBADSSfAEA
        NJJ8AQA1knwBADWSfAEANZJ8AQA1knwBADWSfAEANZJ8AQA1knwBADWSfAEANZJ8AQA1knwBADaSfAEANpJ8AQA2knwBADaSfAEA
        NpJ8AQA2knwBADaSfAEANpJ8AQA2knwBADaSfAEAN5J8AQA3knwBADeSfAEAN5J8AQA3knwBADeSfAEAN5J8AQA3knwBADeSfAEA
        N5J8AQA4knwBADiSfAEAOJJ8AQA4knwBADiSfAEAOJJ8AQA4knwBADiSfAEAOJJ8AQA4knwBADmSfAEAOZJ8AQA5knwBADmSfAEA
        OZJ8AQA5knwBADmSfAEAOZJ8AQA5knwBADmSfAGSewGSegGSeQGSeAGSdwGSdgGSdQGSdAGWcwH+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+
        zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg7+zg56zg4AAAJBjCh4ZGVjIGZpeHR1cmUKbGluZSA2
        NSBvZiB0aGUgcGlwZQUTBGNvRiYAADaSJgAAN5ImAAA4kiYAADmOJgAENzCSJgAAMZImAAAykiYAADOSJgAANJImAJJ8AQA3knwB
        ADeSfAEAN5J8AQA3knwBADiSfAEAOJJ8AQA4knwBADiSfAEAOJJ8AQA4knwBADiSfAEAOJJ8AQA4knwBADiSfAEAOZJ8AQA5knwB
        ADmSfAEAOZJ8AQA5knwBADmSfAEAOZJ8AQA5knwBADmSfAEAOZJ8AZJ7AZJ6AZJ5AZJ4AZJ3AZJ2AZJ1AZJ0AZZzAY4oBQAxlnMB
        knQBADGSdQEAMZJ2AQAxkncBADGSeAEAMZJ5AQAxknoBADGSewEAMZJ8AQAyknwBADKSfAEAMpJ8AQAyknwBADKSfAEAMpJ8AQAy
        knwBADKSfAEAMpJ8AQAyknwBADOSfAEAM5J8AQAzknwBADOSfAEAM5J8AQAzknwBADOSfAEAM5J8AQAzknwBADOSfAEANJJ8AQA0
        knwBADSSfAEANJJ8AQA0knwBADSSfAEANJJ8AQA0knwBADSSfAEANJJ8AQA1knwBADWSfAEANZJ8AQA1knwBADWSfAEANZJ8AQA1
        knwBADWSfAEANZJ8AQA1knwBADaSfAEANpJ8AQA2knwBADaSfAEANpJ8Af7ODv7ODv7ODv7ODv7ODv7ODv7ODv7ODv7ODv7ODv7O
        Dv7ODv7ODv7ODv7ODv7ODv7ODv7ODv7ODv7ODrLODg==
        """);

    // 730 bytes
    public static readonly byte[] Lz4Cli = Convert.FromBase64String(
        """
        BCJNGGRAp8cCAADxA2xpbmUgMCBvZiB0aGUgcGlwZRIA4WNvZGVjIGZpeHR1cmUKEwAfMSUAER8yJQARHzMlABEfNCUAER81JQAR
        HzYlABEfNyUAER84JQARHzklABEfMXMBEw90ARIfMXUBEh8xdgESHzF3ARIfMXgBEh8xeQESHzF6ARIfMXsBEh8xfAESHzJ8ARIf
        MnwBEh8yfAESHzJ8ARIfMnwBEh8yfAESHzJ8ARIfMnwBEh8yfAESHzJ8ARIfM3wBEh8zfAESHzN8ARIfM3wBEh8zfAESHzN8ARIf
        M3wBEh8zfAESHzN8ARIfM3wBEh80fAESHzR8ARIfNHwBEh80fAESHzR8ARIfNHwBEh80fAESHzR8ARIfNHwBEh80fAESHzV8ARIf
        NXwBEh81fAESHzV8ARIfNXwBEh81fAESHzV8ARIfNXwBEh81fAESHzV8ARIfNnwBEh82fAESHzZ8ARIfNnwBEh82fAESHzZ8ARIf
        NnwBEh82fAESHzZ8ARIfNnwBEh83fAESHzd8ARIfN3wBEh83fAESHzd8ARIfN3wBEh83fAESHzd8ARIfN3wBEh83fAESHzh8ARIf
        OHwBEh84fAESHzh8ARIfOHwBEh84fAESHzh8ARIfOHwBEh84fAESHzh8ARIfOXwBEh85fAESHzl8ARIfOXwBEh85fAESHzl8ARIf
        OXwBEh85fAESHzl8ARIfOXwBEg97ARIPegESD3kBEg94ARIPdwESD3YBEg91ARIPdAESD3MBEw/ODv//////////////////////
        ////////////////////////////////////////////////////////////////////////////////////////////////////
        /////////////////////////////////////////////////////1dQdHVyZQoAAAAAyK3icQ==
        """);

    // 734 bytes
    public static readonly byte[] Lz4KafkaPython = Convert.FromBase64String(
        """
        BCJNGGhADJQAAAAAAADzxwIAAPEDbGluZSAwIG9mIHRoZSBwaXBlEgDhY29kZWMgZml4dHVyZQoTAB8xJQARHzIlABEfMyUAER80
        JQARHzUlABEfNiUAER83JQARHzglABEfOSUAER8xcwETD3QBEh8xdQESHzF2ARIfMXcBEh8xeAESHzF5ARIfMXoBEh8xewESHzF8
        ARIfMnwBEh8yfAESHzJ8ARIfMnwBEh8yfAESHzJ8ARIfMnwBEh8yfAESHzJ8ARIfMnwBEh8zfAESHzN8ARIfM3wBEh8zfAESHzN8
        ARIfM3wBEh8zfAESHzN8ARIfM3wBEh8zfAESHzR8ARIfNHwBEh80fAESHzR8ARIfNHwBEh80fAESHzR8ARIfNHwBEh80fAESHzR8
        ARIfNXwBEh81fAESHzV8ARIfNXwBEh81fAESHzV8ARIfNXwBEh81fAESHzV8ARIfNXwBEh82fAESHzZ8ARIfNnwBEh82fAESHzZ8
        ARIfNnwBEh82fAESHzZ8ARIfNnwBEh82fAESHzd8ARIfN3wBEh83fAESHzd8ARIfN3wBEh83fAESHzd8ARIfN3wBEh83fAESHzd8
        ARIfOHwBEh84fAESHzh8ARIfOHwBEh84fAESHzh8ARIfOHwBEh84fAESHzh8ARIfOHwBEh85fAESHzl8ARIfOXwBEh85fAESHzl8
        ARIfOXwBEh85fAESHzl8ARIfOXwBEh85fAESD3sBEg96ARIPeQESD3gBEg93ARIPdgESD3UBEg90ARIPcwETD84O////////////
        ////////////////////////////////////////////////////////////////////////////////////////////////////
        ////////////////////////////////////////////////////////////////V1B0dXJlCgAAAAA=
        """);

    // 904 bytes
    public static readonly byte[] Lz4LinkedWithChecksums = Convert.FromBase64String(
        """
        BCJNGFRArjMDAADxA2xpbmUgMCBvZiB0aGUgcGlwZRIA4WNvZGVjIGZpeHR1cmUKEwAfMSUAER8yJQARHzMlABEfNCUAER81JQAR
        HzYlABEfNyUAER84JQARHzklABEfMXMBEw90ARIfMXUBEh8xdgESHzF3ARIfMXgBEh8xeQESHzF6ARIfMXsBEh8xfAESHzJ8ARIf
        MnwBEh8yfAESHzJ8ARIfMnwBEh8yfAESHzJ8ARIfMnwBEh8yfAESHzJ8ARIfM3wBEh8zfAESHzN8ARIfM3wBEh8zfAESHzN8ARIf
        M3wBEh8zfAESHzN8ARIfM3wBEh80fAESHzR8ARIfNHwBEh80fAESHzR8ARIfNHwBEh80fAESHzR8ARIfNHwBEh80fAESHzV8ARIf
        NXwBEh81fAESHzV8ARIfNXwBEh81fAESHzV8ARIfNXwBEh81fAESHzV8ARIfNnwBEh82fAESHzZ8ARIfNnwBEh82fAESHzZ8ARIf
        NnwBEh82fAESHzZ8ARIfNnwBEh83fAESHzd8ARIfN3wBEh83fAESHzd8ARIfN3wBEh83fAESHzd8ARIfN3wBEh83fAESHzh8ARIf
        OHwBEh84fAESHzh8ARIfOHwBEh84fAESHzh8ARIfOHwBEh84fAESHzh8ARIfOXwBEh85fAESHzl8ARIfOXwBEh85fAESHzl8ARIf
        OXwBEh85fAESHzl8ARIfOXwBEg97ARIPegESD3kBEg94ARIPdwESD3YBEg91ARIPdAESD3MBEw/ODv//////////////////////
        ////////////////////////////////////////////////////////////////////////////////////////////////////
        ////////////////////////////////////////////////////////////////////////////////////////////////////
        /////////////////////////////////////////////////////////////////////////////////////////////////7dQ
        ZiB0aGUES0n9NgAAAA/z/woPrvv/////////////////////////////////////////////////////C1B0dXJlCvR+Z0YAAAAA
        /NU7FA==
        """);

    // 726 bytes
    public static readonly byte[] Lz4OldKafkaHeaderChecksum = Convert.FromBase64String(
        """
        BCJNGGBAGscCAADxA2xpbmUgMCBvZiB0aGUgcGlwZRIA4WNvZGVjIGZpeHR1cmUKEwAfMSUAER8yJQARHzMlABEfNCUAER81JQAR
        HzYlABEfNyUAER84JQARHzklABEfMXMBEw90ARIfMXUBEh8xdgESHzF3ARIfMXgBEh8xeQESHzF6ARIfMXsBEh8xfAESHzJ8ARIf
        MnwBEh8yfAESHzJ8ARIfMnwBEh8yfAESHzJ8ARIfMnwBEh8yfAESHzJ8ARIfM3wBEh8zfAESHzN8ARIfM3wBEh8zfAESHzN8ARIf
        M3wBEh8zfAESHzN8ARIfM3wBEh80fAESHzR8ARIfNHwBEh80fAESHzR8ARIfNHwBEh80fAESHzR8ARIfNHwBEh80fAESHzV8ARIf
        NXwBEh81fAESHzV8ARIfNXwBEh81fAESHzV8ARIfNXwBEh81fAESHzV8ARIfNnwBEh82fAESHzZ8ARIfNnwBEh82fAESHzZ8ARIf
        NnwBEh82fAESHzZ8ARIfNnwBEh83fAESHzd8ARIfN3wBEh83fAESHzd8ARIfN3wBEh83fAESHzd8ARIfN3wBEh83fAESHzh8ARIf
        OHwBEh84fAESHzh8ARIfOHwBEh84fAESHzh8ARIfOHwBEh84fAESHzh8ARIfOXwBEh85fAESHzl8ARIfOXwBEh85fAESHzl8ARIf
        OXwBEh85fAESHzl8ARIfOXwBEg97ARIPegESD3kBEg94ARIPdwESD3YBEg91ARIPdAESD3MBEw/ODv//////////////////////
        ////////////////////////////////////////////////////////////////////////////////////////////////////
        /////////////////////////////////////////////////////1dQdHVyZQoAAAAA
        """);

    // 260 bytes
    public static readonly byte[] ZstdCliStdin = Convert.FromBase64String(
        """
        KLUv/QRYvQcAck0hGJA36QAYpdvhh7bR//PaUqaUUmrCmU4DAlVVVVVVRERERET///+/bdu23bZt25IkSZLbtm3bzMzMzAwhhBBC
        CCFVVVVVVURERERE////v23btt22bduSJEmS27Zt28zMzMyQorvcABQCg4KDojAIRQBBGOVQGEqiSIwyUDAKiBEwyqEwBIC/qFH4
        /X8DsKNUqwESSBD4/7+Dv/8Z5He0CSigAkEAIAggBBAAEAAIuKCqGaya4KoJsJogqwm0mmCrCbiaoKtAgAEMoAQAAgABgAGAAEAA
        4G/5rb7Ft+wtvS1v4W2623b5/M9/fs3lozalagBbBfDdvUM=
        """);

    // 257 bytes
    public static readonly byte[] ZstdPython = Convert.FromBase64String(
        """
        KLUv/WAMk70HAHJNIRiQN+kAGKXb4Ye20f/z2lKmlFJqwplOAwJVVVVVVURERERE////v23btt22bduSJEmS27Zt28zMzMwMIYQQ
        QgghVVVVVVVERERERP///79t27bdtm3bkiRJktu2bdvMzMzMkKK73AAUAoOCg6IwCEUAQRjlUBhKokiMMlAwCogRMMqhMASAv6hR
        +P1/A7CjVKsBEkgQ+P+/g7//GeR3tAkooAJBACAIIAQQABAACLigqhmsmuCqCbCaIKsJtJpgqwm4mqCrQIABDKAEAAIAAYABgABA
        AOBv+a2+xbfsLb0tb+Ftutt2+fzPf37N5aM2pWoAWwU=
        """);

    // 457 bytes
    public static readonly byte[] ZstdTwoFrames = Convert.FromBase64String(
        """
        KLUv/QRYvQcAck0hGJA36QAYpdvhh7bR//PaUqaUUmrCmU4DAlVVVVVVRERERET///+/bdu23bZt25IkSZLbtm3bzMzMzAwhhBBC
        CCFVVVVVVURERERE////v23btt22bduSJEmS27Zt28zMzMyQorvcABQCg4KDojAIRQBBGOVQGEqiSIwyUDAKiBEwyqEwBIC/qFH4
        /X8DsKNUqwESSBD4/7+Dv38H3i3aBBRQgSAAEAQQAggACAAEXFDVDFZNcNUEWE2Q1QRaTbDVBFxN0FUgwAAGUAIAAYAAwABAACAA
        8Lf8Vt/iW/aW3pa38Dbdbbt8/uc/v+byUZtSNYCtAn4u5RootS/9YAZJ3QUAwggZGJClaQMA2hczzniwG/0/d2V370xyOtPTgKqq
        qqqqmZmZmZmIiIiIiHd3d3d3ZmZmZmZVVVVVVf///79t27ZNRERERJp4VjfNGqUIbAEgCSjEDDs4hlmjFIsUZJaQDHGMYNYoRW6o
        cfj9vwOgM0quARL4//8Y/v4dvjnaqYje7bTuCnhY3paeYK/Gx9UXAGNUkUQII4QgSgghRBFCCKP+xK/0Ad/siV7lAW/mTtrxipuX
        Ho46F2F+FQ==
        """);
}
