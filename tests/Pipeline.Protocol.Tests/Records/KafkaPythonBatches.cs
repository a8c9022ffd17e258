namespace Pipeline.Protocol.Tests.Records;

/// <summary>
/// Batches written by kafka-python 2.0.2's own record builders (python3-kafka on Debian 12).
/// V2*: DefaultRecordBatchBuilder, 5 records at offsets 0-4, timestamps 1700000000000 + 7i:
/// key-0/"value "x12+"0"/[trace=abc]; null/"value "x12+"1"/[]; key-2/null/[h=null, k2=vv];
/// key-3/"value "x12+"3"/[]; empty/empty/[empty=empty]. V2Zstd is transactional, producer 1234 epoch 5 sequence 10.
/// Legacy*: LegacyRecordBatchBuilder, 3 messages, timestamps 1600000000000 + i (v1 only):
/// k0/"legacy value 0 "x4; null/"legacy value 1 "x4; k2/null. Magic 0 lz4 has the pre-0.10 header checksum.
/// </summary>
internal static class KafkaPythonBatches
{
    // 362 bytes
    public static readonly byte[] V2None = Convert.FromBase64String(
        """
        AAAAAAAAAAAAAAFeAAAAAAILhAIOAAAAAAAEAAABi8/laAAAAAGLz+VoHP//////////////////AAAABb4BAAAACmtleS0wkgF2
        YWx1ZSB2YWx1ZSB2YWx1ZSB2YWx1ZSB2YWx1ZSB2YWx1ZSB2YWx1ZSB2YWx1ZSB2YWx1ZSB2YWx1ZSB2YWx1ZSB2YWx1ZSAwAgp0
        cmFjZQZhYmOgAQAOAgGSAXZhbHVlIHZhbHVlIHZhbHVlIHZhbHVlIHZhbHVlIHZhbHVlIHZhbHVlIHZhbHVlIHZhbHVlIHZhbHVl
        IHZhbHVlIHZhbHVlIDEAKAAcBAprZXktMgEEAmgBBGsyBHZ2qgEAKgYKa2V5LTOSAXZhbHVlIHZhbHVlIHZhbHVlIHZhbHVlIHZh
        bHVlIHZhbHVlIHZhbHVlIHZhbHVlIHZhbHVlIHZhbHVlIHZhbHVlIHZhbHVlIDMAGgA4CAAAAgplbXB0eQA=
        """);

    // 170 bytes
    public static readonly byte[] V2Gzip = Convert.FromBase64String(
        """
        AAAAAAAAAAAAAACeAAAAAALqrRLiAAEAAAAEAAABi8/laAAAAAGLz+VoHP//////////////////AAAABR+LCACrPAJrAv/bx8jA
        wMCVnVqpazCJsSwxpzRVgXLSgImrpCgxOZUtMSl5ASMDHxMj9cw2ZNBgkGEBu9iIkYUpg5El24ilrGwVI4MWG1jUmHp2GTNIMVhw
        MDAwcaXmFpRUMgAApv3aGi0BAAA=
        """);

    // 185 bytes
    public static readonly byte[] V2Snappy = Convert.FromBase64String(
        """
        AAAAAAAAAAAAAACtAAAAAALRYJT6AAIAAAAEAAABi8/laAAAAAGLz+VoHP//////////////////AAAABYJTTkFQUFkAAAAAAQAA
        AAEAAABorQJIvgEAAAAKa2V5LTCSAXZhbHVlIO4GAAkGRDACCnRyYWNlBmFiY6ABAA4CAf5cABlcFDEAKAAcBAWyQDIBBAJoAQRr
        MgR2dqoBACoGBRYAM/5sABlsPDMAGgA4CAAAAgplbXB0eQA=
        """);

    // 184 bytes
    public static readonly byte[] V2Lz4 = Convert.FromBase64String(
        """
        AAAAAAAAAAAAAACsAAAAAALHT/42AAMAAAAEAAABi8/laAAAAAGLz+VoHP//////////////////AAAABQQiTRhoQC0BAAAAAAAA
        bWQAAAD/BL4BAAAACmtleS0wkgF2YWx1ZSAGAC//AzACCnRyYWNlBmFiY6ABAA4CAVwAN2ExACgAHASyAPECMgEEAmgBBGsyBHZ2
        qgEAKgYWAB8zbAA38AEzABoAOAgAAAIKZW1wdHkAAAAAAA==
        """);

    // 167 bytes
    public static readonly byte[] V2Zstd = Convert.FromBase64String(
        """
        AAAAAAAAAAAAAACbAAAAAAJI8VObABQAAAAEAAABi8/laAAAAAGLz+VoHAAAAAAAAATSAAUAAAAKAAAABSi1L/1gLQAFAwDUBL4B
        AAAACmtleS0wkgF2YWx1ZSAwAgp0cmFjZQZhYmOgAQAOAgExACgAHAQyAQQCaAEEazIEdnaqAQAqBjMzABoAOAgAAAIKZW1wdHkA
        BQD3BiTmyKr9VdwX0PCRih0=
        """);

    // 202 bytes
    public static readonly byte[] LegacyV0None = Convert.FromBase64String(
        """
        AAAAAAAAAAAAAABMfVclNAAAAAAAAmswAAAAPGxlZ2FjeSB2YWx1ZSAwIGxlZ2FjeSB2YWx1ZSAwIGxlZ2FjeSB2YWx1ZSAwIGxl
        Z2FjeSB2YWx1ZSAwIAAAAAAAAAABAAAASrCctsMAAP////8AAAA8bGVnYWN5IHZhbHVlIDEgbGVnYWN5IHZhbHVlIDEgbGVnYWN5
        IHZhbHVlIDEgbGVnYWN5IHZhbHVlIDEgAAAAAAAAAAIAAAAQiyPj2gAAAAAAAmsy/////w==
        """);

    // 115 bytes
    public static readonly byte[] LegacyV0Gzip = Convert.FromBase64String(
        """
        AAAAAAAAAAAAAABnpuiNPgAB/////wAAAFkfiwgAqzwCawL/Y2CAA5/acFUTMIsp2wBI2uSkpicmVyqUJeaUpioYKJDEhZrJCMRe
        G+ZsO8zA8B8IMEw1VCCJCzWVCYgFupUf34K61ghkNgDY1wnFygAAAA==
        """);

    // 144 bytes
    public static readonly byte[] LegacyV0Snappy = Convert.FromBase64String(
        """
        AAAAAAAAAAAAAACElfMmaQAC/////wAAAHaCU05BUFBZAAAAAAEAAAABAAAAYsoBAAAZARBMfVclNAUPVAJrMAAAADxsZWdhY3kg
        dmFsdWUgMCCyDwAAAAkBPAEAAABKsJy2wwAA/////wA+VgAAMTZWAH4PAAAACQFQAgAAABCLI+PaAAAAAAACazL/////
        """);

    // 137 bytes
    public static readonly byte[] LegacyV0Lz4 = Convert.FromBase64String(
        """
        AAAAAAAAAAAAAAB9m54WUQAD/////wAAAG8EIk0YYEAaYAAAABYAAQBRTH1XJTQPAP8HAmswAAAAPGxlZ2FjeSB2YWx1ZSAwIA8A
        GgFIAP0CAAABAAAASrCctsMAAP////9WABoxVgAPDwANAFMAwgAAAAIAAAAQiyPj2g4AYGsy/////wAAAAA=
        """);

    // 226 bytes
    public static readonly byte[] LegacyV1None = Convert.FromBase64String(
        """
        AAAAAAAAAAAAAABUjVI8RAEAAAABdIdugAAAAAACazAAAAA8bGVnYWN5IHZhbHVlIDAgbGVnYWN5IHZhbHVlIDAgbGVnYWN5IHZh
        bHVlIDAgbGVnYWN5IHZhbHVlIDAgAAAAAAAAAAEAAABS7wN9MQEAAAABdIdugAH/////AAAAPGxlZ2FjeSB2YWx1ZSAxIGxlZ2Fj
        eSB2YWx1ZSAxIGxlZ2FjeSB2YWx1ZSAxIGxlZ2FjeSB2YWx1ZSAxIAAAAAAAAAACAAAAGJIM7s0BAAAAAXSHboACAAAAAmsy////
        /w==
        """);

    // 135 bytes
    public static readonly byte[] LegacyV1Gzip = Convert.FromBase64String(
        """
        AAAAAAAAAAAAAAB7vFW1AwEBAAAAAAAAAAD/////AAAAZR+LCACrPAJrAv9jYICDkN4gGxdGIIOxpD2vASTClG0AJG1yUtMTkysV
        yhJzSlMVDBRI4kLNBhkb9J651hBuPuN/IMAw3VCBJC7UdCYglpjE8+4s3HQmsOuNQHYAANVMMgTiAAAA
        """);

    // 165 bytes
    public static readonly byte[] LegacyV1Snappy = Convert.FromBase64String(
        """
        AAAAAAAAAAAAAACZvGT+yQECAAAAAAAAAAD/////AAAAg4JTTkFQUFkAAAAAAQAAAAEAAABv4gEAABkBNFSNUjxEAQAAAAF0h26A
        ARhUAmswAAAAPGxlZ2FjeSB2YWx1ZSAwILIPAAAACQEBVxBS7wN9MQEJBWAUAf////8APl4AADE2XgB+DwAAAAkBIAIAAAAYkgzu
        zRVeKAIAAAACazL/////
        """);

    // 167 bytes
    public static readonly byte[] LegacyV1Lz4 = Convert.FromBase64String(
        """
        AAAAAAAAAAAAAACb+IykGgEDAAAAAAAAAAD/////AAAAhQQiTRhoQOIAAAAAAAAADG4AAAAWAAEA4FSNUjxEAQAAAAF0h26AGAD/
        BwJrMAAAADxsZWdhY3kgdmFsdWUgMCAPABoARwAAUwCFAAAAUu8DfTFgAF0B/////14AGjFeAA8PAA0BXAC1AAACAAAAGJIM7s1e
        ALACAAAAAmsy/////wAAAAA=
        """);
}
