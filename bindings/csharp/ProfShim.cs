// ProfShim.cs: profshim for C# and any .NET language (.NET Framework, .NET, Mono).
//
// One file to add to a project; it needs profshim.dll (Windows) or libprofshim.so (Linux)
// where the runtime's DllImport looks: next to the program, or on PATH / LD_LIBRARY_PATH.
//
//     var report = ProfShim.ProfileInfo.Check(info);     // never throws for a bad string
//     string safe = ProfShim.ProfileInfo.Rewrite(info);  // throws ProfShimException
//
// - Strings go to the library's UTF-16 functions (psh_check_w and the like) as char arrays
//   with an explicit length: a .NET string is UTF-16 already, nothing is converted, and an
//   embedded NUL is an ordinary (bad) character, never the end of the string.
// - Offsets and lengths in a report are UTF-16 units, which is exactly what a .NET string
//   index is: info[report.ErrorOffset] is the character at fault (for a character above
//   U+FFFF, its high surrogate).
// - Every function is exported __stdcall on Windows (CallingConvention.Winapi: StdCall
//   there, the platform's C convention elsewhere), so the same declarations serve x86, x64
//   and Linux.
// - Status codes are HRESULT-shaped ints (PshStatus); a call that cannot give its answer
//   throws ProfShimException, whose Status is the code, HResult the same value and Message
//   the library's own text for it (psh_describe).

using System;
using System.Runtime.InteropServices;

namespace ProfShim
{
    /// <summary>profshim's status codes: 0 is success, every failure is negative.</summary>
    public enum PshStatus : int
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

    /// <summary>psh_report.form: which shape of ProfileInfo was found.</summary>
    public enum PshForm : int
    {
        Unknown   = 0, // separators not parsed, or an empty mailbox
        Alias     = 1, // "server\nalias"
        Dn        = 2, // "server\n/o=.../ou=.../cn=..."
        Anonymous = 3, // "/o=.../cn=SERVER\n\nanon"
    }

    /// <summary>psh_rewrite's flags.</summary>
    [Flags]
    public enum PshRewriteFlags : uint
    {
        None   = 0,
        KeepDn = 0x1, // PSH_REWRITE_KEEP_DN: keep a DN mailbox (then it is UnsafeChar)
    }

    /// <summary>A profshim call failed: Status says why, Message is the library's text.</summary>
    [Serializable]
    public sealed class ProfShimException : Exception
    {
        public PshStatus Status { get; private set; }

        public ProfShimException(int status)
            : base(ProfileInfo.Describe(status))
        {
            Status = (PshStatus)status;
            HResult = status;
        }
    }

    /// <summary>What ProfileInfo.Check found. Offsets are UTF-16 units (.NET string indexes).</summary>
    public sealed class CheckReport
    {
        public PshStatus Status { get; internal set; }
        public PshForm Form { get; internal set; }
        public int ServerOffset { get; internal set; }   // -1 until the separators are parsed
        public int ServerLength { get; internal set; }
        public int MailboxOffset { get; internal set; }  // -1 until then
        public int MailboxLength { get; internal set; }
        public int ErrorOffset { get; internal set; }    // -1 when none, or no single unit is at fault
        public bool Rewritable { get; internal set; }    // Rewrite(info) would succeed
        public bool Ok { get { return Status == PshStatus.Ok; } }
        public string Text { get { return ProfileInfo.Describe((int)Status); } }
    }

    /// <summary>Check, rewrite and name CDO ProfileInfo strings.</summary>
    public static class ProfileInfo
    {
        public const int MaxInput = 4096;          // PSH_MAX_INPUT, in UTF-16 units
        public const int ProfileNameMax = 64;      // PSH_PROFILE_NAME_MAX
        public const int VersionNumber = 10100;    // PSH_VERSION_NUMBER this file was written for

        /// <summary>Is info safe to give to CDO as it is? A bad string is an answer, not an exception.</summary>
        public static CheckReport Check(string info)
        {
            char[] units = Units(info);
            var r = new NativeMethods.psh_report();
            r.size = Marshal.SizeOf(typeof(NativeMethods.psh_report));
            int status = NativeMethods.psh_check_w(units, info.Length, ref r);
            return new CheckReport {
                Status = (PshStatus)status, Form = (PshForm)r.form,
                ServerOffset = r.server_offset, ServerLength = r.server_length,
                MailboxOffset = r.mailbox_offset, MailboxLength = r.mailbox_length,
                ErrorOffset = r.error_offset, Rewritable = r.rewritable != 0,
            };
        }

        /// <summary>info made safe for CDO (CRLF and whitespace cleaned, a DN mailbox
        /// replaced by its directory name unless KeepDn); throws ProfShimException.</summary>
        public static string Rewrite(string info, PshRewriteFlags flags = PshRewriteFlags.None)
        {
            char[] units = Units(info);
            // The output is never longer than the input.
            return CallWithBuffer(info.Length + 1, (char[] o, int cap, out int n) =>
                NativeMethods.psh_rewrite_w(units, info.Length, (uint)flags, o, cap, out n));
        }

        /// <summary>A safe, stable, unique MAPI profile name for info; throws ProfShimException.</summary>
        public static string ProfileName(string info)
        {
            char[] units = Units(info);
            return CallWithBuffer(ProfileNameMax + 1, (char[] o, int cap, out int n) =>
                NativeMethods.psh_profile_name_w(units, info.Length, 0, o, cap, out n));
        }

        /// <summary>One line of English for any status.</summary>
        public static string Describe(int status)
        {
            return CallWithBuffer(256, (char[] o, int cap, out int n) =>
                NativeMethods.psh_describe_w(status, o, cap, out n));
        }

        public static string Describe(PshStatus status) { return Describe((int)status); }

        /// <summary>PSH_VERSION_NUMBER of the library actually loaded (1.0.0 is 10000).</summary>
        public static int Version { get { return NativeMethods.psh_version(); } }

        // ---- the buffer protocol and the strings ---------------------------------------

        private delegate int BufferCall(char[] output, int cap, out int outLen);

        // Call with firstCap units; on InsufficientBuffer once more with outLen + 1.
        private static string CallWithBuffer(int firstCap, BufferCall call)
        {
            int cap = Math.Max(firstCap, 1);
            for (int attempt = 0; attempt < 2; attempt++) {
                var output = new char[cap];
                int outLen;
                int status = call(output, cap, out outLen);
                if (status == (int)PshStatus.Ok)
                    return new string(output, 0, outLen);
                if (status != (int)PshStatus.InsufficientBuffer)
                    throw new ProfShimException(status);
                cap = outLen + 1;
            }
            throw new ProfShimException((int)PshStatus.Unexpected);
        }

        // The string's UTF-16 units and a NUL, so that even "" is a real, non-NULL array;
        // the NUL is never counted (the length passed is info.Length).
        private static char[] Units(string info)
        {
            if (info == null) throw new ArgumentNullException("info");
            var units = new char[info.Length + 1];
            info.CopyTo(0, units, 0, info.Length);
            return units;
        }
    }

    internal static class NativeMethods
    {
        // "profshim": profshim.dll on Windows; Mono and .NET on Linux try libprofshim.so.
        private const string Lib = "profshim";

        [StructLayout(LayoutKind.Sequential)]
        internal struct psh_report
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

        // char with CharSet.Unicode is a 2-byte UTF-16 unit and blittable: the arrays are
        // pinned and passed as they are, never converted to the ANSI code page.
        [DllImport(Lib, CallingConvention = CallingConvention.Winapi, ExactSpelling = true)]
        internal static extern int psh_version();

        [DllImport(Lib, CallingConvention = CallingConvention.Winapi, CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int psh_check_w(
            [In, MarshalAs(UnmanagedType.LPArray)] char[] info, int len, ref psh_report report);

        [DllImport(Lib, CallingConvention = CallingConvention.Winapi, CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int psh_rewrite_w(
            [In, MarshalAs(UnmanagedType.LPArray)] char[] info, int len, uint flags,
            [Out, MarshalAs(UnmanagedType.LPArray)] char[] output, int cap, out int outLen);

        [DllImport(Lib, CallingConvention = CallingConvention.Winapi, CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int psh_profile_name_w(
            [In, MarshalAs(UnmanagedType.LPArray)] char[] info, int len, uint flags,
            [Out, MarshalAs(UnmanagedType.LPArray)] char[] output, int cap, out int outLen);

        [DllImport(Lib, CallingConvention = CallingConvention.Winapi, CharSet = CharSet.Unicode, ExactSpelling = true)]
        internal static extern int psh_describe_w(
            int status, [Out, MarshalAs(UnmanagedType.LPArray)] char[] output, int cap, out int outLen);
    }
}
