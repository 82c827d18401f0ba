// The C# binding tested from C#: ProfShim.cs over this build's libprofshim.so (Mono on
// Linux; the same program runs on .NET on Windows against profshim.dll). Prints one line
// per failure and then "N passed, N failed"; exits 1 when anything failed.

using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using ProfShim;

internal static class ProfShimTest
{
    private static int passed, failed;

    private static void Expect(bool ok, string what)
    {
        if (ok) { Interlocked.Increment(ref passed); return; }
        Interlocked.Increment(ref failed);
        Console.WriteLine("FAILED: " + what);
    }

    private static void Equal<T>(T expected, T actual, string what)
    {
        Expect(EqualityComparer<T>.Default.Equals(expected, actual),
               what + ": expected <" + expected + ">, got <" + actual + ">");
    }

    private static void Throws(PshStatus status, Action action, string what)
    {
        try {
            action();
            Expect(false, what + ": no exception, expected " + status);
        } catch (ProfShimException e) {
            Equal(status, e.Status, what + ": Status");
            Equal((int)status, e.HResult, what + ": HResult");
            Equal(ProfileInfo.Describe(status), e.Message, what + ": Message");
        } catch (Exception e) {
            Expect(false, what + ": " + e.GetType().Name + ": " + e.Message);
        }
    }

    private static string Fnv1a64(string key)
    {
        ulong h = 0xcbf29ce484222325UL;
        foreach (char c in key) { h ^= (byte)c; h = unchecked(h * 0x100000001b3UL); }
        return h.ToString("x16");
    }

    private const string DnInfo = "EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";
    private const string AnonInfo = "/o=Contoso/ou=NYC/cn=Configuration/cn=Servers/cn=EXCH01\n\nANON";
    private const string Emoji = "\U0001F600"; // two UTF-16 units

    private static int Main()
    {
        try { Run(); }
        catch (Exception e) { Expect(false, "unexpected " + e); }
        Console.WriteLine(passed + " passed, " + failed + " failed");
        return failed == 0 && passed > 0 ? 0 : 1;
    }

    private static void Run()
    {
        // ---- version, status values ---------------------------------------------------
        Equal(10100, ProfileInfo.Version, "Version");
        Equal(ProfileInfo.VersionNumber, ProfileInfo.Version, "Version is the file's");
        Equal(unchecked((int)0x80040209), (int)PshStatus.UnsafeChar, "UnsafeChar value");
        Equal(unchecked((int)0x80070057), (int)PshStatus.InvalidArg, "InvalidArg value");
        Equal(17, Enum.GetValues(typeof(PshStatus)).Length, "17 status codes");

        // ---- Check --------------------------------------------------------------------
        var ok = ProfileInfo.Check("EXCH01\njdoe");
        Expect(ok.Ok, "alias is OK");
        Equal(PshForm.Alias, ok.Form, "alias form");
        Equal(0, ok.ServerOffset, "server offset");
        Equal(6, ok.ServerLength, "server length");
        Equal(7, ok.MailboxOffset, "mailbox offset");
        Equal(4, ok.MailboxLength, "mailbox length");
        Equal(-1, ok.ErrorOffset, "no error offset");
        Expect(ok.Rewritable, "alias rewritable");

        var kb = ProfileInfo.Check(DnInfo);
        Equal(PshStatus.UnsafeChar, kb.Status, "KB case status");
        Equal(PshForm.Dn, kb.Form, "KB case form");
        Equal(7, kb.ErrorOffset, "KB case offset");
        Equal('/', DnInfo[kb.ErrorOffset], "offset is a string index");
        Expect(kb.Rewritable, "KB case rewritable");
        Expect(kb.Text.StartsWith("PSH_E_UNSAFE_CHAR: ") && kb.Text.Contains("Q271913"), "KB case text");

        var anon = ProfileInfo.Check(AnonInfo);
        Expect(anon.Ok, "anonymous OK");
        Equal(PshForm.Anonymous, anon.Form, "anonymous form");
        Equal(AnonInfo.Length - 4, anon.MailboxOffset, "anon offset");

        var cases = new[] {
            Tuple.Create("EXCH01", PshStatus.NoSeparator, -1),
            Tuple.Create("", PshStatus.NoSeparator, -1),
            Tuple.Create("EXCH01\r\njdoe", PshStatus.BadChar, 6),
            Tuple.Create("EXCH01\njdoe\n", PshStatus.Syntax, 11),
            Tuple.Create("\njdoe", PshStatus.EmptyServer, 0),
            Tuple.Create("EXCH 01\njdoe", PshStatus.BadServer, 4),
            Tuple.Create("EXCH01\n", PshStatus.EmptyMailbox, 7),
            Tuple.Create("EXCH01\n jdoe", PshStatus.BadMailbox, 7),
            Tuple.Create("EXCH01\n/o=Contoso/cn=jdoe", PshStatus.BadDn, 18),
            Tuple.Create("EXCH01\nj:doe", PshStatus.UnsafeChar, 8),
            Tuple.Create("EXCH01\nnul.txt", PshStatus.ReservedName, 7),
            Tuple.Create("EXCH01\nj\0doe", PshStatus.BadChar, 8),              // NUL: not the end
            Tuple.Create("EXCH01\nj\u00e9r\u00f4me", PshStatus.BadChar, 8),     // never ANSI
            Tuple.Create("EXCH01\njdoe" + Emoji, PshStatus.BadChar, 11),        // the high surrogate
            Tuple.Create("EXCH01\nab\ud800", PshStatus.BadChar, 9),             // a lone surrogate
        };
        foreach (var c in cases) {
            var r = ProfileInfo.Check(c.Item1);
            Equal(c.Item2, r.Status, "Check(" + Escape(c.Item1) + ").Status");
            Equal(c.Item3, r.ErrorOffset, "Check(" + Escape(c.Item1) + ").ErrorOffset");
        }

        // Lengths are UTF-16 units: 2048 emoji are 4096 units (judged), 2049 are too long.
        Equal(PshStatus.BadChar, ProfileInfo.Check(Repeat(Emoji, 2048)).Status, "4096 units");
        Equal(PshStatus.TooLong, ProfileInfo.Check(Repeat(Emoji, 2049)).Status, "4098 units");
        Equal(PshStatus.NoSeparator, ProfileInfo.Check(new string('a', 4096)).Status, "4096 a");
        Equal(PshStatus.TooLong, ProfileInfo.Check(new string('a', 4097)).Status, "4097 a");

        // ---- Rewrite ------------------------------------------------------------------
        Equal("EXCH01\njdoe", ProfileInfo.Rewrite(DnInfo), "Rewrite KB case");
        Equal("EXCH01\njdoe", ProfileInfo.Rewrite("  EXCH01 \r\n /o=Contoso/ou=NYC/cn=Recipients/cn=jdoe\r\n\r\n"), "Rewrite CRLF");
        Equal(AnonInfo.Substring(0, AnonInfo.Length - 4) + "anon", ProfileInfo.Rewrite(AnonInfo), "Rewrite anon");
        foreach (var s in new[] { "EXCH01\njdoe", "exch01.contoso.com\nJ.Doe", DnInfo, AnonInfo }) {
            string once = ProfileInfo.Rewrite(s);
            Equal(once, ProfileInfo.Rewrite(once), "Rewrite idempotent: " + Escape(s));
            Expect(ProfileInfo.Check(once).Ok, "Rewrite passes Check: " + Escape(s));
        }
        string longInfo = string.Join(".", new[] { new string('a', 60), new string('a', 60), new string('a', 60), new string('a', 60) })
                          + "\n" + new string('b', 64);
        Equal(longInfo, ProfileInfo.Rewrite(longInfo), "Rewrite 308 units");
        Throws(PshStatus.UnsafeChar, () => ProfileInfo.Rewrite(DnInfo, PshRewriteFlags.KeepDn), "Rewrite KeepDn");
        Throws(PshStatus.UnknownFlags, () => ProfileInfo.Rewrite("EXCH01\njdoe", (PshRewriteFlags)0x4), "Rewrite flag 4");
        Throws(PshStatus.NoSeparator, () => ProfileInfo.Rewrite("EXCH01"), "Rewrite no LF");
        Throws(PshStatus.UnsafeChar, () => ProfileInfo.Rewrite("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=j:doe"), "Rewrite j:doe DN");
        Throws(PshStatus.TooLong, () => ProfileInfo.Rewrite(new string('x', 4097)), "Rewrite too long");
        try { ProfileInfo.Rewrite(null); Expect(false, "Rewrite(null) throws"); }
        catch (ArgumentNullException) { Expect(true, "Rewrite(null)"); }

        // ---- ProfileName --------------------------------------------------------------
        Equal("exch01_jdoe_" + Fnv1a64("exch01\njdoe"), ProfileInfo.ProfileName("EXCH01\njdoe"), "ProfileName formula");
        string dnFull = "EXCH01.contoso.com\n/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe";
        Equal("exch01_jdoe_" + Fnv1a64(dnFull.ToLowerInvariant()), ProfileInfo.ProfileName(dnFull), "ProfileName DN");
        Equal(ProfileInfo.ProfileName("EXCH01\njdoe"), ProfileInfo.ProfileName("  exch01\r\nJDOE \r\n"), "ProfileName case/space");
        Expect(ProfileInfo.ProfileName("EXCH01\njdoe") != ProfileInfo.ProfileName("EXCH01\njdoe2"), "ProfileName differs");
        Expect(ProfileInfo.ProfileName("EXCH01\n/o=Contoso/ou=NYC/cn=Recipients/cn=j:doe").StartsWith("exch01_j_doe_"), "ProfileName sanitised");
        Equal(64, ProfileInfo.ProfileName(new string('s', 63) + "\n" + new string('m', 64)).Length, "ProfileName 64");
        Throws(PshStatus.NoSeparator, () => ProfileInfo.ProfileName("EXCH01"), "ProfileName no LF");

        // ---- Describe -----------------------------------------------------------------
        foreach (PshStatus s in Enum.GetValues(typeof(PshStatus))) {
            string text = ProfileInfo.Describe(s);
            Expect(text.StartsWith("PSH_") && text.Contains(": ") && !text.Contains("\n"), "Describe(" + s + ")");
        }
        Expect(ProfileInfo.Describe(PshStatus.UnsafeChar).StartsWith("PSH_E_UNSAFE_CHAR: "), "Describe name");
        Equal("unknown status 0x12345678", ProfileInfo.Describe(0x12345678), "Describe unknown");
        Equal("unknown status 0xFFFFFFFF", ProfileInfo.Describe(-1), "Describe -1");

        // ---- many calls, many threads -------------------------------------------------
        var threads = new List<Thread>();
        int threadErrors = 0;
        for (int t = 0; t < 8; t++) {
            var th = new Thread(() => {
                for (int i = 0; i < 2000; i++) {
                    if (ProfileInfo.Rewrite(DnInfo) != "EXCH01\njdoe") Interlocked.Increment(ref threadErrors);
                    if (ProfileInfo.Check(DnInfo).ErrorOffset != 7) Interlocked.Increment(ref threadErrors);
                }
            });
            threads.Add(th);
            th.Start();
        }
        foreach (var th in threads) th.Join();
        Equal(0, threadErrors, "16000 calls on 8 threads");
    }

    private static string Repeat(string s, int n)
    {
        var b = new StringBuilder(s.Length * n);
        for (int i = 0; i < n; i++) b.Append(s);
        return b.ToString();
    }

    private static string Escape(string s)
    {
        var b = new StringBuilder();
        foreach (char c in s) {
            if (c >= 0x20 && c < 0x7f) b.Append(c);
            else b.AppendFormat("\\u{0:x4}", (int)c);
        }
        return b.ToString();
    }
}
