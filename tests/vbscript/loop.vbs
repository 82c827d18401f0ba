' Thousands of calls, as a busy ASP page or a mail-processing service makes them: objects
' created and released over and over, every method called, failures raised and trapped.
' A reference-count slip or a leaked BSTR would show up as a crash, a wrong answer or a
' script that never reaches its summary. The build puts prologue.vbs (Expect, Finish) in
' front of it; run that: cscript //nologo <build>/bindings/vbscript/loop.vbs [rounds].
' Prints "N passed, N failed".

Const PSH_E_NO_SEPARATOR = &H80040202
Const PSH_E_UNSAFE_CHAR = &H80040209

Dim rounds
rounds = 5000
If WScript.Arguments.Count > 0 Then rounds = CLng(WScript.Arguments(0))

Dim o, r, i, dn, alias, name, x, started
dn = "EXCH01" & vbLf & "/o=Contoso/ou=NYC/cn=Recipients/cn=jdoe"
alias = "EXCH01" & vbLf & "jdoe"
started = Timer

' Each call's answer is checked, and counts as one test.
For i = 1 To rounds
    If i Mod 10 = 1 Then
        Set o = Nothing
        Set o = CreateObject("ProfShim.ProfileInfo")
    End If
    Expect o.Check(dn) = PSH_E_UNSAFE_CHAR, "Check, round " & i
    Set r = o.CheckReport(dn & i)
    Expect r.ErrorOffset = 7 And r.Mailbox = Mid(dn, 8) & i, "CheckReport, round " & i
    Set r = Nothing
    Expect o.Rewrite(dn & i) = alias & i, "Rewrite, round " & i
    name = o.ProfileName(alias & i)
    Expect Left(name, Len("exch01_jdoe" & i) + 1) = "exch01_jdoe" & i & "_" And Len(name) = Len("exch01_jdoe" & i) + 17, "ProfileName, round " & i
    Expect Left(o.Describe(PSH_E_UNSAFE_CHAR), 19) = "PSH_E_UNSAFE_CHAR: ", "Describe, round " & i
    On Error Resume Next
    x = o.Rewrite("EXCH01 no separator " & i)
    Expect Err.Number = PSH_E_NO_SEPARATOR, "a raised error, round " & i
    Err.Clear
    On Error GoTo 0
Next
Set o = Nothing
Dim objects
objects = (rounds + 9) \ 10
WScript.Echo 6 * rounds & " calls on " & objects & " objects in " & Round(Timer - started, 2) & " s"

' Many objects alive at once, then all released.
Dim many(499)
For i = 0 To 499
    Set many(i) = CreateObject("ProfShim.ProfileInfo")
Next
Dim wrong
wrong = 0
For i = 0 To 499
    If many(i).Version <> 10200 Then wrong = wrong + 1
Next
For i = 0 To 499
    Set many(i) = Nothing
Next
Expect wrong = 0, "500 objects alive at once"

' A report outlives the object that made it.
Set o = CreateObject("ProfShim.ProfileInfo")
Set r = o.CheckReport(dn)
Set o = Nothing
Expect r.Mailbox = Mid(dn, 8), "a report outlives its ProfileInfo object"
Set r = Nothing

Finish
