' Error trapping, the way CDO logon scripts do it: On Error Resume Next, then Err.Number
' and Err.Description. Every failure ProfShim.ProfileInfo raises must arrive with
' Err.Number = the profshim status, Err.Description = Describe(status), Err.Source =
' "ProfShim.ProfileInfo", leave the assigned variable alone, and leave the object working.
' The build puts prologue.vbs (Expect, Show, Finish) in front of it; run that:
' cscript //nologo <build>/bindings/vbscript/errors.vbs. Prints one line per failure, then
' "N passed, N failed".

Const PSH_E_TOO_LONG = &H80040105
Const PSH_E_UNKNOWN_FLAGS = &H80040106
Const PSH_E_BAD_CHAR = &H80040201
Const PSH_E_NO_SEPARATOR = &H80040202
Const PSH_E_SYNTAX = &H80040203
Const PSH_E_BAD_SERVER = &H80040205
Const PSH_E_BAD_MAILBOX = &H80040207
Const PSH_E_BAD_DN = &H80040208
Const PSH_E_UNSAFE_CHAR = &H80040209
Const PSH_E_RESERVED_NAME = &H8004020A
Const PSH_REWRITE_KEEP_DN = 1
Const PSH_REWRITE_EXACT = 2

Dim o, dn
Set o = CreateObject("ProfShim.ProfileInfo")
dn = "EXCH01" & vbLf & "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"

' Calls o.Rewrite(info, flags) or o.ProfileName(info) under On Error Resume Next and checks
' what Err says. The error is trapped here, in the procedure that made the call.
Sub ExpectRaise(method, info, flags, status)
    Dim result, what, number, description, source
    what = method & "(" & Show(Left(info, 50)) & ", " & flags & ")"
    result = "untouched"
    On Error Resume Next
    If method = "Rewrite" Then
        result = o.Rewrite(info, flags)
    Else
        result = o.ProfileName(info)
    End If
    number = Err.Number
    description = Err.Description
    source = Err.Source
    On Error GoTo 0
    Expect number = status, what & ": Err.Number " & Hex(number) & ", expected " & Hex(status)
    Expect description = o.Describe(status), what & ": Err.Description <" & description & ">"
    Expect source = "ProfShim.ProfileInfo", what & ": Err.Source <" & source & ">"
    Expect result = "untouched", what & ": the assignment did not happen"
End Sub

ExpectRaise "Rewrite", "EXCH01", 0, PSH_E_NO_SEPARATOR
ExpectRaise "Rewrite", "EXCH01" & vbLf & "jdoe" & vbLf & "x", 0, PSH_E_SYNTAX
ExpectRaise "Rewrite", ":" & vbLf & "jdoe", 0, PSH_E_BAD_SERVER
ExpectRaise "Rewrite", "EXCH 01" & vbLf & "jdoe", 0, PSH_E_BAD_SERVER
'  (an empty server or mailbox line is dropped by the rewrite: then there is no separator)
ExpectRaise "Rewrite", vbLf & "jdoe", 0, PSH_E_NO_SEPARATOR
ExpectRaise "Rewrite", "EXCH01" & vbCrLf, 0, PSH_E_NO_SEPARATOR
ExpectRaise "Rewrite", "EXCH01" & vbLf & String(65, "m"), 0, PSH_E_BAD_MAILBOX
ExpectRaise "Rewrite", "EXCH01" & vbLf & "/o=Contoso/cn=jdoe", 0, PSH_E_BAD_DN
ExpectRaise "Rewrite", dn, PSH_REWRITE_KEEP_DN, PSH_E_UNSAFE_CHAR
ExpectRaise "Rewrite", "EXCH01" & vbLf & "/o=Contoso/ou=NYC/cn=Recipients/cn=j:doe", 0, PSH_E_UNSAFE_CHAR
ExpectRaise "Rewrite", "EXCH01" & vbLf & "CON", 0, PSH_E_RESERVED_NAME
ExpectRaise "Rewrite", "EXCH01" & vbLf & "j" & Chr(233) & "r" & Chr(244) & "me", 0, PSH_E_BAD_CHAR
ExpectRaise "Rewrite", "EXCH01" & vbLf & "j" & vbNullChar & "doe", 0, PSH_E_BAD_CHAR
ExpectRaise "Rewrite", String(4097, "x"), 0, PSH_E_TOO_LONG
ExpectRaise "Rewrite", dn, 4, PSH_E_UNKNOWN_FLAGS
ExpectRaise "Rewrite", dn, PSH_REWRITE_KEEP_DN Or PSH_REWRITE_EXACT, PSH_E_UNSAFE_CHAR
' A DN of Exchange 2007 or later is not replaced (its last RDN is not the alias): library 1.1.
ExpectRaise "Rewrite", "EX" & vbLf & "/o=fab/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=7e4a1f0c2b9d4e6a8c3f5b1d0e9a2c4f-test", PSH_REWRITE_EXACT, PSH_E_UNSAFE_CHAR
ExpectRaise "Rewrite", "EXCH01" & vbLf & "/o=Contoso/ou=exchange administrative group (fydibohf23spdlt)/cn=Recipients/cn=jdoe", 0, PSH_E_UNSAFE_CHAR
' The exact form =name must still fit a mailbox line (64 units).
ExpectRaise "Rewrite", "EXCH01" & vbLf & "/o=Contoso/ou=NYC/cn=Recipients/cn=" & String(64, "m"), PSH_REWRITE_EXACT, PSH_E_BAD_MAILBOX
ExpectRaise "Rewrite", dn, &H80000000, PSH_E_UNKNOWN_FLAGS
ExpectRaise "ProfileName", "EXCH01", 0, PSH_E_NO_SEPARATOR
ExpectRaise "ProfileName", "EXCH01" & vbLf & " ", 0, PSH_E_NO_SEPARATOR
ExpectRaise "ProfileName", "EXCH01" & vbLf & String(65, "m"), 0, PSH_E_BAD_MAILBOX
ExpectRaise "ProfileName", "EXCH01" & vbLf & "/o=Contoso", 0, PSH_E_BAD_DN
ExpectRaise "ProfileName", "EXCH01" & vbLf & "j" & Chr(233), 0, PSH_E_BAD_CHAR
ExpectRaise "ProfileName", String(5000, "x"), 0, PSH_E_TOO_LONG

' An error not trapped where it happens goes up to the caller's On Error Resume Next.
Sub RewriteWithoutHandler(info)
    Dim x
    x = o.Rewrite(info)
    WScript.Echo "FAILED: the statement after a raising call ran in a procedure without a handler"
End Sub

Dim number
On Error Resume Next
RewriteWithoutHandler "EXCH01"
number = Err.Number
On Error GoTo 0
Expect number = PSH_E_NO_SEPARATOR, "an error raised two calls down reaches the caller: " & Hex(number)

' Err.Clear forgets it; the next good call leaves Err at 0; the object still works.
Dim good
On Error Resume Next
good = o.Rewrite("EXCH01")
Expect Err.Number = PSH_E_NO_SEPARATOR, "raised"
Err.Clear
Expect Err.Number = 0, "Err.Clear"
good = o.Rewrite(dn)
Expect Err.Number = 0, "a good call after a failed one raises nothing"
Expect good = "EXCH01" & vbLf & "jdoe", "a good call after a failed one works"
On Error GoTo 0

' The status can be raised again, as a script passes the error on.
On Error Resume Next
good = o.ProfileName("no separator")
Dim saved, savedText
saved = Err.Number
savedText = Err.Description
Err.Clear
Err.Raise saved, "LogonScript", savedText
Expect Err.Number = PSH_E_NO_SEPARATOR, "Err.Raise of the status"
Expect Err.Description = o.Describe(PSH_E_NO_SEPARATOR), "Err.Raise keeps the text"
On Error GoTo 0

' Check and Describe never raise for a bad ProfileInfo or an unknown status.
On Error Resume Next
Dim st
st = o.Check("EXCH01" & vbLf & "/o=Contoso/cn=x")
Expect Err.Number = 0 And st = PSH_E_BAD_DN, "Check reports, does not raise"
st = o.Describe(12345)
Expect Err.Number = 0 And st = "unknown status 0x00003039", "Describe of an unknown status"
Dim rep
Set rep = o.CheckReport(String(5000, "x"))
Expect Err.Number = 0 And rep.Status = PSH_E_TOO_LONG, "CheckReport reports, does not raise"
On Error GoTo 0

Finish
