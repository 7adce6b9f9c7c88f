using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ImrGrpc.Storage.Files;

/// <summary>
/// An OS lock on the store file itself (its inode), shared for reads and exclusive for writes, held for a whole
/// operation. Linux open-file-description locks are used because they belong to the open file, not to the path or the
/// process: two processes reaching one file through a bind mount, a hard link, a symlink or separate containers
/// serialize, closing some other descriptor of the file (LiteDB opens its own) does not drop the lock, and a killed
/// process releases it with its descriptors. Only someone who can open the file (mode 0600: its owner) can hold it.
/// </summary>
internal sealed partial class StoreLock : IDisposable
{
    // The locked byte lies far past any data, so the lock can never be mistaken for (or collide with) a lock a
    // filesystem emulates for flock, which .NET takes on the whole file.
    private const long LockOffset = long.MaxValue - 1;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private readonly SafeFileHandle _handle;

    private StoreLock(SafeFileHandle handle) => _handle = handle;

    public static StoreLock Acquire(string path, bool exclusive, TimeSpan timeout, TimeProvider time)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, exclusive ? FileAccess.ReadWrite : FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot open guideline store {path}: {StoreErrors.OneLine(e)}", e);
        }
        try
        {
            var started = time.GetTimestamp();
            while (!TryLock(handle, exclusive) || Replaced(handle))
            {
                if (Replaced(handle))
                {
                    // A restore (or an operator) moved another file onto the path while we waited: lock that one instead.
                    handle.Dispose();
                    handle = File.OpenHandle(path, FileMode.Open, exclusive ? FileAccess.ReadWrite : FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    continue;
                }
                if (time.GetElapsedTime(started) >= timeout)
                {
                    throw new StoreException(StoreErrorKind.Unavailable,
                        $"guideline store {path} is {(exclusive ? "in use" : "being written")} by another process; gave up after {timeout.TotalSeconds:0} s " +
                        "(a stopped admin process holds it until it is resumed or ended)");
                }
                Thread.Sleep(Poll);
            }
            return new StoreLock(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Whether the locked file is no longer the one the path names (Linux says "(deleted)" for an unlinked file).</summary>
    private static bool Replaced(SafeFileHandle handle) =>
        OperatingSystem.IsLinux()
        && new FileInfo($"/proc/self/fd/{(int)handle.DangerousGetHandle()}").LinkTarget is { } target
        && target.EndsWith(" (deleted)", StringComparison.Ordinal);

    private static bool TryLock(SafeFileHandle handle, bool exclusive)
    {
        if (OperatingSystem.IsLinux())
        {
            var request = new Flock { Type = exclusive ? WriteLock : ReadLock, Whence = 0, Start = LockOffset, Length = 1 };
            var fd = (int)handle.DangerousGetHandle();
            if (Fcntl(fd, OfdSetLock, ref request) == 0)
            {
                return true;
            }
            var errno = Marshal.GetLastPInvokeError();
            if (errno is EAgain or EAccess)
            {
                return false;
            }
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot lock the guideline store: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        // Elsewhere a byte-range lock of the runtime's own (LockFileEx on Windows); shared readers are not told apart.
        if (OperatingSystem.IsMacOS())
        {
            return true;
        }
        try
        {
            using var stream = new FileStream(new SafeFileHandle(handle.DangerousGetHandle(), ownsHandle: false), FileAccess.Read);
            stream.Lock(LockOffset, 1);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose() => _handle.Dispose();

    private const int OfdSetLock = 37; // F_OFD_SETLK
    private const short ReadLock = 0;  // F_RDLCK
    private const short WriteLock = 1; // F_WRLCK
    private const int EAccess = 13;
    private const int EAgain = 11;

    [StructLayout(LayoutKind.Sequential)]
    private struct Flock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, ref Flock request);
}
