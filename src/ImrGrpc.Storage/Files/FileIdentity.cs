using System.Runtime.InteropServices;

namespace ImrGrpc.Storage.Files;

/// <summary>A file's identity (device and inode): the same for every path that reaches it — hard links, bind mounts.</summary>
internal readonly partial record struct FileIdentity(ulong Device, ulong Inode)
{
    public static FileIdentity? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        // struct stat begins with st_dev and st_ino (8 bytes each) on every 64-bit Linux ABI; the rest is not read.
        Span<byte> buffer = stackalloc byte[256];
        if (Stat(path, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            return null;
        }
        return new FileIdentity(MemoryMarshal.Read<ulong>(buffer), MemoryMarshal.Read<ulong>(buffer[8..]));
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Stat(string path, ref byte buffer);
}
