// ProfShim.cs: profshim for C# and any .NET language (.NET Framework 4.5+, .NET, Mono).
//
// Two ways in: the NuGet package ProfShim (this file built as ProfShim.dll, with the native
// library for win-x64, win-x86 and linux-x64 under runtimes/), or this one file added to a
// project, which then needs unsafe code allowed (csc /unsafe, mcs -unsafe -langversion:7.2,
// <AllowUnsafeBlocks>true</AllowUnsafeBlocks>) and profshim.dll (Windows) or libprofshim.so
// (Linux) where DllImport looks: next to the program, or on PATH / LD_LIBRARY_PATH.
//
//     CheckReport report = ProfileInfo.Check(info);      // never throws for a bad string
//     string safe = ProfileInfo.Rewrite(info);            // throws ProfShimException
//
// Language: C# 7.2, the newest version Mono's mcs (Debian's mono-mcs, which builds and
// tests this file and the package's assembly) compiles: it takes -langversion up to 7.2,
// and its default is 7.0, hence -langversion:7.2 on its command line. 7.2 has what this file uses
// (readonly struct, nameof, get-only auto-properties, stackalloc, fixed) and is also accepted
// by every csc from Visual Studio 2017 15.5 on, so .NET Framework projects can add the file.
//
// - A .NET string is UTF-16 already: it is pinned (fixed) and its characters go to the
//   library's UTF-16 functions (psh_check_w and the like) as they are, with an explicit
//   length; nothing is copied or converted, and an embedded NUL is an ordinary (bad)
//   character, never the end of the string. Results are read from a stack buffer into the
//   one string returned.
// - Offsets and lengths in a report are UTF-16 units, which is exactly what a .NET string
//   index is: info[report.ErrorOffset] is the character at fault (for a character above
//   U+FFFF, its high surrogate).
// - Every function is exported __stdcall on Windows (CallingConvention.Winapi: StdCall
//   there, the platform's C convention elsewhere), so the same declarations serve x86, x64
//   and Linux.
// - Status codes are the HRESULT-shaped ints of include/profshim.h (Status: PSH_E_UNSAFE_CHAR
//   is Status.UnsafeChar); a call that cannot give its answer throws ProfShimException,
//   whose Status is the code, HResult the same value and Message the library's own text.

using System;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;

namespace ProfShim
{
    /// <summary>profshim's status codes (include/profshim.h, PSH_OK and PSH_E_*): 0 is
    /// success, every failure is negative.</summary>
    public enum Status : int
    {
        Ok                 = 0,
        Pointer            = unchecked((int)0x80004003), // E_POINTER
        InvalidArg         = unchecked((int)0x80070057), // E_INVALIDARG
        Unexpected         = unchecked((int)0x8000FFFF), // E_UNEXPECTED
        InsufficientBuffer = unchecked((int)0x8007007A),
        TooLong            = unchecked((int)0x80040105), // MAPI_E_STRING_TOO_LONG
        UnknownFlags       = unchecked((int)0x80040106), // MAPI_E_UNKNOWN_FLAGS
        BadChar            = unchecked((int)0x80040201),
        NoSeparator        = unchecked((int)0x80040202),
        Syntax             = unchecked((int)0x80040203),
        EmptyServer        = unchecked((int)0x80040204),
        BadServer          = unchecked((int)0x80040205),
        EmptyMailbox       = unchecked((int)0x80040206),
        BadMailbox         = unchecked((int)0x80040207),
        BadDn              = unchecked((int)0x80040208),
        UnsafeChar         = unchecked((int)0x80040209), // the KB Q271913 failure
        ReservedName       = unchecked((int)0x8004020A),
    }

    /// <summary>psh_report.form (PSH_FORM_*): which shape of ProfileInfo was found.</summary>
    public enum Form : int
    {
        Unknown   = 0, // separators not parsed, or an empty mailbox
        Alias     = 1, // "server\nalias"
        Dn        = 2, // "server\n/o=.../ou=.../cn=..."
        Anonymous = 3, // "/o=.../cn=SERVER\n\nanon"
    }

    /// <summary>psh_rewrite's flags (PSH_REWRITE_*).</summary>
    [Flags]
    public enum RewriteFlags : uint
    {
        None   = 0,
        KeepDn = 0x1, // PSH_REWRITE_KEEP_DN: keep a DN mailbox (then it is Status.UnsafeChar)
        Exact  = 0x2, // PSH_REWRITE_EXACT (library 1.1): a DN replaced by its directory
                      // name is written "=name", the exact-match form of KB Q193643
    }

    /// <summary>A profshim call failed: Status says why, Message is the library's text.</summary>
    [Serializable]
    public class ProfShimException : Exception
    {
        /// <summary>The library's status; HResult holds the same value.</summary>
        public Status Status { get { return (Status)HResult; } }

        /// <summary>A failure with the library's text for <paramref name="status"/>.</summary>
        public ProfShimException(Status status)
            : base(ProfileInfo.Describe(status))
        {
            HResult = (int)status;
        }

        public ProfShimException(Status status, string message)
            : base(message)
        {
            HResult = (int)status;
        }

        // The standard constructors; without a status of its own, Status is Unexpected.
        public ProfShimException()
            : this(Status.Unexpected, "profshim: the call failed")
        {
        }

        public ProfShimException(string message)
            : this(Status.Unexpected, message)
        {
        }

        public ProfShimException(string message, Exception innerException)
            : base(message, innerException)
        {
            HResult = (int)Status.Unexpected;
        }

        // Exception serializes HResult, and Status is read from it.
        protected ProfShimException(SerializationInfo info, StreamingContext context)
            : base(info, context)
        {
        }
    }

    /// <summary>What ProfileInfo.Check found; immutable. Offsets are UTF-16 units, that
    /// is .NET string indexes.</summary>
    public readonly struct CheckReport
    {
        public Status Status { get; }
        public Form Form { get; }
        public int ServerOffset { get; }   // -1 until the separators are parsed
        public int ServerLength { get; }
        public int MailboxOffset { get; }  // -1 until then
        public int MailboxLength { get; }
        public int ErrorOffset { get; }    // -1 when none, or when no single unit is at fault
        public bool Rewritable { get; }    // Rewrite(info) would succeed

        public CheckReport(Status status, Form form, int serverOffset, int serverLength,
                           int mailboxOffset, int mailboxLength, int errorOffset, bool rewritable)
        {
            Status = status;
            Form = form;
            ServerOffset = serverOffset;
            ServerLength = serverLength;
            MailboxOffset = mailboxOffset;
            MailboxLength = mailboxLength;
            ErrorOffset = errorOffset;
            Rewritable = rewritable;
        }

        public bool Ok { get { return Status == Status.Ok; } }
        public string Text { get { return ProfileInfo.Describe(Status); } }
        public override string ToString() { return Status + " at " + ErrorOffset; }
    }

    /// <summary>Check, rewrite and name CDO ProfileInfo strings.</summary>
    public static class ProfileInfo
    {
        public const int MaxInput = 4096;          // PSH_MAX_INPUT, in UTF-16 units
        public const int ProfileNameMax = 64;      // PSH_PROFILE_NAME_MAX
        public const int VersionNumber = 10200;    // PSH_VERSION_NUMBER this file was written for

        private const int DescribeCap = 256;       // every text of psh_describe fits

        /// <summary>Is info safe to give to CDO as it is? A bad string is an answer, not an exception.</summary>
        public static unsafe CheckReport Check(string info)
        {
            if (info == null) throw new ArgumentNullException(nameof(info));
            var r = new NativeMethods.Report { size = sizeof(NativeMethods.Report) };
            int status;
            fixed (char* units = info)
                status = NativeMethods.psh_check_w(units, info.Length, ref r);
            return new CheckReport((Status)status, (Form)r.form, r.server_offset, r.server_length,
                                   r.mailbox_offset, r.mailbox_length, r.error_offset, r.rewritable != 0);
        }

        /// <summary>info made safe for CDO: CRLF and whitespace cleaned, a DN mailbox
        /// replaced by its directory name (unless KeepDn; written "=name" with Exact);
        /// throws ProfShimException.</summary>
        public static string Rewrite(string info, RewriteFlags flags = RewriteFlags.None)
        {
            if (info == null) throw new ArgumentNullException(nameof(info));
            // Never longer than the input, but for the "=" that Exact may add.
            return CallWithBuffer(Rewriter, info, (uint)flags, info.Length + 2);
        }

        /// <summary>A safe, stable, unique MAPI profile name for info; throws ProfShimException.</summary>
        public static string ProfileName(string info)
        {
            if (info == null) throw new ArgumentNullException(nameof(info));
            return CallWithBuffer(Namer, info, 0, ProfileNameMax + 1);
        }

        /// <summary>One line of English for any status.</summary>
        public static unsafe string Describe(int status)
        {
            char* output = stackalloc char[DescribeCap];
            int outLen;
            int rc = NativeMethods.psh_describe_w(status, output, DescribeCap, out outLen);
            if (rc == (int)Status.InsufficientBuffer)
            {
                var larger = new char[outLen + 1];
                fixed (char* p = larger)
                {
                    rc = NativeMethods.psh_describe_w(status, p, larger.Length, out outLen);
                    return Result(rc, p, outLen);
                }
            }
            return Result(rc, output, outLen);
        }

        public static string Describe(Status status) { return Describe((int)status); }

        /// <summary>PSH_VERSION_NUMBER of the library actually loaded (1.2.0 is 10200).</summary>
        public static int Version { get { return NativeMethods.psh_version(); } }

        // ---- the buffer protocol ------------------------------------------------------

        private unsafe delegate int BufferCall(char* info, int length, uint flags,
                                               char* output, int cap, out int outLen);

        // Made once: a method group converted on every call would allocate a delegate.
        private static readonly unsafe BufferCall Rewriter = NativeMethods.psh_rewrite_w;
        private static readonly unsafe BufferCall Namer = NativeMethods.psh_profile_name_w;

        // The string pinned where it is, the result written to the stack; once more on the
        // heap with *outLen + 1 units if the library says the first buffer was too small.
        private static unsafe string CallWithBuffer(BufferCall call, string info, uint flags, int firstCap)
        {
            fixed (char* units = info)
            {
                char* output = stackalloc char[firstCap];
                int outLen;
                int status = call(units, info.Length, flags, output, firstCap, out outLen);
                if (status == (int)Status.InsufficientBuffer)
                {
                    var larger = new char[outLen + 1];
                    fixed (char* p = larger)
                    {
                        status = call(units, info.Length, flags, p, larger.Length, out outLen);
                        return Result(status, p, outLen);
                    }
                }
                return Result(status, output, outLen);
            }
        }

        private static unsafe string Result(int status, char* output, int outLen)
        {
            if (status != (int)Status.Ok)
                throw new ProfShimException((Status)status);
            return new string(output, 0, outLen);
        }
    }

    internal static class NativeMethods
    {
        // "profshim": profshim.dll on Windows; libprofshim.so on Linux (Mono, .NET).
        private const string Lib = "profshim";

        [StructLayout(LayoutKind.Sequential)]
        internal struct Report   // psh_report
        {
            public int size;
            public int status;
            public int form;
            public int server_offset;
            public int server_length;
            public int mailbox_offset;
            public int mailbox_length;
            public int error_offset;
            public int rewritable;
        }

        // Pointers and ints only: blittable, nothing marshalled or converted to a code page.
        [DllImport(Lib, CallingConvention = CallingConvention.Winapi, ExactSpelling = true)]
        internal static extern int psh_version();

        [DllImport(Lib, CallingConvention = CallingConvention.Winapi, ExactSpelling = true)]
        internal static extern unsafe int psh_check_w(char* info, int length, ref Report report);

        [DllImport(Lib, CallingConvention = CallingConvention.Winapi, ExactSpelling = true)]
        internal static extern unsafe int psh_rewrite_w(char* info, int length, uint flags,
                                                        char* output, int cap, out int outLen);

        [DllImport(Lib, CallingConvention = CallingConvention.Winapi, ExactSpelling = true)]
        internal static extern unsafe int psh_profile_name_w(char* info, int length, uint flags,
                                                             char* output, int cap, out int outLen);

        [DllImport(Lib, CallingConvention = CallingConvention.Winapi, ExactSpelling = true)]
        internal static extern unsafe int psh_describe_w(int status, char* output, int cap, out int outLen);
    }
}
