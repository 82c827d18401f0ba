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
// - Unicode (library 1.2): any character goes in as it is. "EXCH01\nJürgen Müller", a
//   Chinese name or a character above U+FFFF (U+20BB7, two units) is an alias; the server
//   and DNs are ASCII; the alias limit is 64 UTF-16 units. CDO hands the string to MAPI in
//   the ANSI code page of the process that logs on, where a character that code page lacks
//   becomes '?' and brings the KB Q271913 failure back: to be sure, give the alias in ASCII
//   or use ProfileInfo.ProfileName (always ASCII).
// - Every function is exported __stdcall on Windows (CallingConvention.Winapi: StdCall
//   there, the platform's C convention elsewhere), so the same declarations serve x86, x64
//   and Linux.
// - Status codes are the HRESULT-shaped ints of include/profshim.h (Status: PSH_E_UNSAFE_CHAR
//   is Status.UnsafeChar); a call that cannot give its answer throws ProfShimException,
//   whose Status is the code, HResult the same value and Message what it means and what to
//   do next, in this binding's words (ProfileInfo.Rewrite, CheckReport.Rewritable, ...;
//   never a C function, and never the call that just failed): the Texts class below.

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

    /// <summary>A profshim call failed: Status says why, Message what it means and what to do next.</summary>
    [Serializable]
    public class ProfShimException : Exception
    {
        /// <summary>The library's status; HResult holds the same value.</summary>
        public Status Status { get { return (Status)HResult; } }

        /// <summary>The string index (UTF-16 units) of the character at fault in the
        /// ProfileInfo the failed call was given, as CheckReport.ErrorOffset gives it; -1
        /// when no single character is at fault, or it is not known.</summary>
        public int ErrorOffset { get { return errorOffset; } }
        private readonly int errorOffset = -1;

        /// <summary>A failure with this binding's text for <paramref name="status"/>.</summary>
        public ProfShimException(Status status)
            : base(Texts.ForError(ProfileInfo.Describe(status)))
        {
            HResult = (int)status;
        }

        public ProfShimException(Status status, string message)
            : base(message)
        {
            HResult = (int)status;
        }

        public ProfShimException(Status status, string message, int errorOffset)
            : base(message)
        {
            HResult = (int)status;
            this.errorOffset = errorOffset < 0 ? -1 : errorOffset;
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
            errorOffset = info.GetInt32("ErrorOffset");
        }

        public override void GetObjectData(SerializationInfo info, StreamingContext context)
        {
            base.GetObjectData(info, context);
            info.AddValue("ErrorOffset", errorOffset);
        }
    }

    /// <summary>What ProfileInfo.Check found; immutable. Offsets and lengths are UTF-16
    /// units, that is .NET string indexes (a character above U+FFFF is two; an offset at
    /// one points at its high surrogate). A report no Check made (default(CheckReport)) is
    /// empty: not Ok, Status Unexpected, IsChecked false, every offset -1 (as where nothing is
    /// at fault), and its Text says it is empty rather than an internal failure.</summary>
    public readonly struct CheckReport
    {
        private readonly Status status;
        private readonly string info;       // the string checked, for Server and Mailbox
        // Stored as given; a default struct's zeros would read as offset 0, so the getters
        // give -1 for a report no Check made.
        private readonly int serverOffset, mailboxOffset, errorOffset;

        public Status Status { get { return IsChecked ? status : Status.Unexpected; } }
        public Form Form { get; }
        public int ServerOffset { get { return IsChecked ? serverOffset : -1; } }   // -1 until the separators are parsed
        public int ServerLength { get; }
        public int MailboxOffset { get { return IsChecked ? mailboxOffset : -1; } } // -1 until then
        public int MailboxLength { get; }
        public int ErrorOffset { get { return IsChecked ? errorOffset : -1; } }     // -1 when none, or when no single unit is at fault
        public bool Rewritable { get; }    // Rewrite(info) would succeed
        public bool IsChecked { get; }     // made by Check (or a constructor), not default

        public CheckReport(Status status, Form form, int serverOffset, int serverLength,
                           int mailboxOffset, int mailboxLength, int errorOffset, bool rewritable)
            : this(status, form, serverOffset, serverLength, mailboxOffset, mailboxLength,
                   errorOffset, rewritable, null)
        {
        }

        /// <summary>A report of <paramref name="info"/>, whose Server and Mailbox it gives.</summary>
        public CheckReport(Status status, Form form, int serverOffset, int serverLength,
                           int mailboxOffset, int mailboxLength, int errorOffset, bool rewritable,
                           string info)
        {
            this.status = status;
            Form = form;
            this.serverOffset = serverOffset;
            ServerLength = serverLength;
            this.mailboxOffset = mailboxOffset;
            MailboxLength = mailboxLength;
            this.errorOffset = errorOffset;
            Rewritable = rewritable;
            IsChecked = true;
            this.info = info;
        }

        public bool Ok { get { return IsChecked && status == Status.Ok; } }

        /// <summary>The server part of the string checked; null before the separators are
        /// parsed (or for a report made without the string).</summary>
        public string Server { get { return Part(ServerOffset, ServerLength); } }

        /// <summary>The mailbox part of the string checked; null as for Server.</summary>
        public string Mailbox { get { return Part(MailboxOffset, MailboxLength); } }

        /// <summary>What Status means and what to do next (for a DN of Exchange 2007 or
        /// later, why it is not rewritten); for default(CheckReport), that it is empty.</summary>
        public string Text { get { return IsChecked ? Texts.ForStatus(Status, Mailbox) : Texts.NotChecked; } }

        /// <summary>"Ok", "UnsafeChar at 7", "NoSeparator" (no single character at fault),
        /// or "not checked" for default(CheckReport).</summary>
        public override string ToString()
        {
            if (!IsChecked) return "not checked";
            return ErrorOffset < 0 ? status.ToString() : status + " at " + ErrorOffset;
        }

        private string Part(int offset, int length)
        {
            if (info == null || offset < 0 || length < 0 || offset + length > info.Length) return null;
            return info.Substring(offset, length);
        }
    }

    /// <summary>The words of this binding: what each status means to a .NET caller and what
    /// to do next. They name ProfileInfo's members, never a C function or the header, and a
    /// failed call's text never advises that same call.</summary>
    internal static class Texts
    {
        // The /ou= RDN of every legacyExchangeDN made by Exchange 2007 and later (profshim.h
        // section 6 step 3, "exactly that text, in any ASCII case"). The library answers
        // UnsafeChar, not rewritable, for such a DN as for one whose last RDN holds ':' or
        // '?', so the binding tells them apart by this documented text. An RDN holds no '/',
        // so in a valid DN "/ou=" is the DN's own /ou= RDN.
        private const string ModernOu = "/ou=exchange administrative group (fydibohf23spdlt)/";

        internal static bool IsModernDn(string text)
        {
            return text != null && AsciiLower(text).Contains(ModernOu);
        }

        private static string AsciiLower(string text)
        {
            var chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
                if (chars[i] >= 'A' && chars[i] <= 'Z') chars[i] = (char)(chars[i] + 32);
            return new string(chars);
        }

        private static string Said(Status status, string body)
        {
            return status + " (0x" + ((int)status).ToString("X8") + "): " + body;
        }

        internal static string ForStatus(Status status, string mailbox)
        {
            if (status == Status.UnsafeChar && IsModernDn(mailbox)) return Said(status, ModernDn);
            string body = Body(status);
            if (body != null && (status == Status.BadServer || status == Status.BadMailbox)) body += Trimmed;
            return body != null ? Said(status, body)
                                : "unknown status 0x" + ((int)status).ToString("X8");
        }

        // A failed Rewrite or ProfileName (but Rewrite's UnsafeChar): never that a rewrite
        // mends it, as BadChar's and the spaces of BadServer and BadMailbox say from a check.
        internal static string ForFailedCall(Status status)
        {
            if (status == Status.BadChar) return Said(status, BadCharLeft);
            string body = Body(status);
            return body != null ? Said(status, body) : ForStatus(status, null);
        }

        // A text as a ProfShimException says it: its caller holds no CheckReport, and the
        // exception carries the offset itself.
        internal static string ForError(string text)
        {
            return text.Replace("CheckReport.ErrorOffset", "ProfShimException.ErrorOffset")
                       .Replace("CheckReport.Rewritable", "ProfileInfo.Check(info).Rewritable");
        }

        // keptDnAlone: the same Rewrite without KeepDn succeeds.
        internal static string ForRewrite(Status status, string info, bool keptDnAlone)
        {
            if (status != Status.UnsafeChar) return ForFailedCall(status);
            if (keptDnAlone) return Said(status, KeptDn);
            return Said(status, IsModernDn(info) ? ModernDn : NotRewritable);
        }

        // CheckReport.Text of default(CheckReport): its Status is Unexpected so that it is
        // never taken for Ok, but no call failed, so it must not ask for a bug report.
        internal const string NotChecked =
            "not checked: this CheckReport is empty (default(CheckReport)), made by no " +
            "ProfileInfo.Check, so it says nothing about any ProfileInfo; check the string " +
            "with ProfileInfo.Check(info) and read that report.";

        // What a check adds to BadServer and BadMailbox: a space at a line's start or end is
        // rewritable, and the report says so. Never said for a failed Rewrite or ProfileName,
        // which have trimmed the spaces already.
        private const string Trimmed =
            " Where CheckReport.Rewritable is true, the fault is only spaces at the start or end " +
            "of a line, which ProfileInfo.Rewrite trims: give CDO ProfileInfo.Rewrite(info).";
        // BadChar from a failed Rewrite or ProfileName: they took out all they can (a line
        // break's CR, tabs and spaces at a line's ends), so the character left is not theirs
        // to take out, and neither is it the caller's.
        private const string BadCharLeft =
            "the ProfileInfo holds a character a ProfileInfo cannot carry at " +
            "CheckReport.ErrorOffset (a control character such as TAB or NUL inside a line, or a " +
            "surrogate that is not half of a pair), and no rewrite takes it out; do not take it " +
            "out by hand either: it may be part of the name, and a name with a character taken " +
            "out names another mailbox, or none. Fix the source: give the mailbox's alias as the " +
            "directory holds it (its mailNickname).";
        private const string ModernDn =
            "the mailbox is the DN of an Exchange 2007 or later mailbox (its ou is Exchange " +
            "Administrative Group (FYDIBOHF23SPDLT)), whose last part is not the alias: a display " +
            "name, or hex digits with it. So it is not rewritten, since that could log on to " +
            "another mailbox or to none. Look the mailbox up in the directory (its mailNickname) " +
            "and give server + \"\\n\" + that alias, or name a profile of your own with " +
            "ProfileInfo.ProfileName(info).";
        private const string KeptDn =
            "the DN mailbox was kept as it is (RewriteFlags.KeepDn), and its '/' is not allowed " +
            "in a file name, so the logon would fail with MAPI_E_NOT_FOUND (KB Q271913); leave " +
            "KeepDn out to have the DN replaced by its alias, or name a profile of your own with " +
            "ProfileInfo.ProfileName(info).";
        private const string NotRewritable =
            "the mailbox holds a character Windows does not allow in a file name (KB Q271913), " +
            "and taking it out would name another mailbox; name a profile of your own with " +
            "ProfileInfo.ProfileName(info), or give the mailbox's alias as the directory holds " +
            "it (its mailNickname).";

        private static string Body(Status status)
        {
            switch (status)
            {
                case Status.Ok:
                    return "the ProfileInfo is safe to give to CDO's Session.Logon as it is.";
                case Status.Pointer:
                    return "no string reached the library; pass the ProfileInfo as a string.";
                case Status.InvalidArg:
                    return "the ProfShim assembly passed the library an invalid argument; this is " +
                           "a fault of the assembly: please report the call that caused it.";
                case Status.Unexpected:
                    return "an internal failure was caught inside profshim and nothing was " +
                           "changed; please report the input that caused it.";
                case Status.InsufficientBuffer:
                    return "a result did not fit the room the ProfShim assembly gave it; this is " +
                           "a fault of the assembly: please report the input.";
                case Status.TooLong:
                    return "the ProfileInfo is over 4096 UTF-16 units, far more than a server and a " +
                           "mailbox need; check that the right string is passed.";
                case Status.UnknownFlags:
                    return "the flags hold a bit this version does not define; pass " +
                           "RewriteFlags.KeepDn, RewriteFlags.Exact, both or None.";
                case Status.BadChar:
                    return "the ProfileInfo holds a character a ProfileInfo cannot carry at " +
                           "CheckReport.ErrorOffset. Where CheckReport.Rewritable is true, that is a " +
                           "line break's CR (of a CRLF, or a CR alone) or a tab at a line's start or " +
                           "end, which ProfileInfo.Rewrite and ProfileInfo.ProfileName remove (they " +
                           "trim tabs and spaces from both ends of every line), leaving the " +
                           "line feed CDO needs. Any other character (a control character such as TAB " +
                           "or NUL inside a line, or a surrogate that is not half of a pair): do not " +
                           "take it out; it may be part of the name, and a name with a character " +
                           "taken out names another mailbox, or none. Fix the source: give the " +
                           "mailbox's alias as the directory holds it (its mailNickname).";
                case Status.NoSeparator:
                    return "no line feed between server and mailbox; build the ProfileInfo as " +
                           "server + \"\\n\" + mailbox.";
                case Status.Syntax:
                    return "too many line feeds; give server + \"\\n\" + mailbox, or " +
                           "serverDn + \"\\n\\nanon\" for anonymous access.";
                case Status.EmptyServer:
                    return "the server part, before the line feed, is empty; give the Exchange " +
                           "server's name.";
                case Status.BadServer:
                    return "the server part is not a host name (letters, digits, '.', '-', '_'; " +
                           "labels of up to 63 characters, 253 in all; ASCII only, so an " +
                           "internationalised host name in its xn-- form) nor a personalized server " +
                           "name GUID@host; give the Exchange server's name.";
                case Status.EmptyMailbox:
                    return "the mailbox part, after the line feed, is empty; give the mailbox's alias.";
                case Status.BadMailbox:
                    return "the mailbox alias starts or ends with a space, or is over 64 " +
                           "UTF-16 units (a character above U+FFFF counts two); give the alias " +
                           "exactly as the directory holds it (its mailNickname).";
                case Status.BadDn:
                    return "the mailbox's distinguished name breaks the Exchange DN grammar " +
                           "(/o=ORG/ou=SITE/cn=.../cn=NAME; a DN holds only ASCII characters) at " +
                           "CheckReport.ErrorOffset; copy the DN " +
                           "exactly from the directory (its legacyExchangeDN), or give the " +
                           "mailbox's alias.";
                case Status.UnsafeChar:
                    return "the mailbox holds a character Windows does not allow in a file name, " +
                           "so MAPI cannot create the profile file and the logon fails with " +
                           "MAPI_E_NOT_FOUND (KB Q271913). Where CheckReport.Rewritable is true, " +
                           "give CDO ProfileInfo.Rewrite(info); otherwise name a profile of your " +
                           "own with ProfileInfo.ProfileName(info).";
                case Status.ReservedName:
                    return "the server or the mailbox is a Windows device name (CON, NUL, COM1, " +
                           "...), which cannot be a file name; name a profile of your own with " +
                           "ProfileInfo.ProfileName(info).";
                default:
                    return null;
            }
        }
    }

    /// <summary>Check, rewrite and name CDO ProfileInfo strings.</summary>
    public static class ProfileInfo
    {
        public const int MaxInput = 4096;          // PSH_MAX_INPUT, in UTF-16 units
        public const int ProfileNameMax = 64;      // PSH_PROFILE_NAME_MAX
        public const int VersionNumber = 10200;    // PSH_VERSION_NUMBER this file was written for

        /// <summary>Is info safe to give to CDO as it is? A bad string is an answer, not an exception.</summary>
        public static unsafe CheckReport Check(string info)
        {
            if (info == null) throw new ArgumentNullException(nameof(info));
            var r = new NativeMethods.Report { size = sizeof(NativeMethods.Report) };
            int status;
            fixed (char* units = info)
                status = NativeMethods.psh_check_w(units, info.Length, ref r);
            return new CheckReport((Status)status, (Form)r.form, r.server_offset, r.server_length,
                                   r.mailbox_offset, r.mailbox_length, r.error_offset, r.rewritable != 0,
                                   info);
        }

        /// <summary>info made safe for CDO: CRLF and whitespace cleaned, a DN mailbox
        /// replaced by its directory name (unless KeepDn; written "=name" with Exact);
        /// throws ProfShimException.</summary>
        public static string Rewrite(string info, RewriteFlags flags = RewriteFlags.None)
        {
            if (info == null) throw new ArgumentNullException(nameof(info));
            // Never longer than the input, but for the "=" that Exact may add.
            string safe;
            Status status = CallWithBuffer(Rewriter, info, (uint)flags, info.Length + 2, out safe);
            if (status == Status.Ok) return safe;
            bool keptDnAlone = (flags & RewriteFlags.KeepDn) != 0 &&
                CallWithBuffer(Rewriter, info, (uint)(flags & ~RewriteFlags.KeepDn), info.Length + 2, out safe) == Status.Ok;
            throw new ProfShimException(status, Texts.ForError(Texts.ForRewrite(status, info, keptDnAlone)),
                                        ErrorOffsetOf(info, status));
        }

        // Where in info Rewrite or ProfileName failed with status: Check's offset when Check
        // fails with the same status on a string those calls clean nothing of (no CR, no
        // blank at a line's end, no empty first line), so that Check reads the very string
        // they read; -1 otherwise, and when no single character is at fault.
        private static int ErrorOffsetOf(string info, Status status)
        {
            string[] lines = info.Split('\n');
            if (info.IndexOf('\r') >= 0 || lines[0].Length == 0) return -1;
            foreach (string line in lines)
                if (line.Length > 0 && (IsBlank(line[0]) || IsBlank(line[line.Length - 1]))) return -1;
            CheckReport report = Check(info);
            return report.Status == status ? report.ErrorOffset : -1;
        }

        private static bool IsBlank(char c) { return c == ' ' || c == '\t'; }

        /// <summary>A safe, stable, unique MAPI profile name for info; throws ProfShimException.</summary>
        public static string ProfileName(string info)
        {
            if (info == null) throw new ArgumentNullException(nameof(info));
            string name;
            Status status = CallWithBuffer(Namer, info, 0, ProfileNameMax + 1, out name);
            if (status != Status.Ok)
                throw new ProfShimException(status, Texts.ForError(Texts.ForFailedCall(status)), ErrorOffsetOf(info, status));
            return name;
        }

        /// <summary>What a status means and what to do next, in one line ("UnsafeChar
        /// (0x80040209): ..."; "unknown status 0x12345678" for a value that is none).</summary>
        public static string Describe(int status) { return Texts.ForStatus((Status)status, null); }

        public static string Describe(Status status) { return Texts.ForStatus(status, null); }

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
        // The status; the result in `result` when it is Ok, else null.
        private static unsafe Status CallWithBuffer(BufferCall call, string info, uint flags, int firstCap,
                                                    out string result)
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
                        result = status == (int)Status.Ok ? new string(p, 0, outLen) : null;
                        return (Status)status;
                    }
                }
                result = status == (int)Status.Ok ? new string(output, 0, outLen) : null;
                return (Status)status;
            }
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
    }
}
