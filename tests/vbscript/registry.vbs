' What regsvr32 left in the registry, read back through WScript.Shell.
'   cscript //nologo registry.vbs registered     after regsvr32 profshim.dll
'   cscript //nologo registry.vbs unregistered   after regsvr32 /u profshim.dll
' Registered: every key and value of shim/com/com_register.cpp is there (HKCR shows the
' machine's or the user's), and CreateObject works. Unregistered: none of the keys is left
' under HKCR, HKLM\Software\Classes or HKCU\Software\Classes, and CreateObject fails with
' 429 ("ActiveX component can't create object").
' Prints one line per failure, then "N passed, N failed".
Option Explicit

Dim passed, failed
passed = 0
failed = 0

Sub Expect(ok, what)
    If ok Then
        passed = passed + 1
    Else
        failed = failed + 1
        WScript.Echo "FAILED: " & what
    End If
End Sub

Const CLSID = "{00A130E7-12CA-4EDB-BC25-B0A8FC66B5B4}"
Dim sh, mode
Set sh = CreateObject("WScript.Shell")
mode = "registered"
If WScript.Arguments.Count > 0 Then mode = WScript.Arguments(0)

' The value, or Empty when the key or value is not there. A name ending in \ is a key's
' default value.
Function ReadValue(name)
    Dim v
    On Error Resume Next
    v = sh.RegRead(name)
    If Err.Number <> 0 Then v = Empty
    Err.Clear
    On Error GoTo 0
    ReadValue = v
End Function

Function KeyExists(key)
    ' A key without a default value still answers RegRead(key\) with an empty string on
    ' Windows; a missing key is an error.
    Dim v
    On Error Resume Next
    v = sh.RegRead(key & "\")
    KeyExists = (Err.Number = 0)
    Err.Clear
    On Error GoTo 0
End Function

Dim keys, key, root, o, path, number
keys = Array("CLSID\" & CLSID & "\InprocServer32", "CLSID\" & CLSID & "\ProgID", _
    "CLSID\" & CLSID & "\VersionIndependentProgID", "CLSID\" & CLSID, _
    "ProfShim.ProfileInfo\CLSID", "ProfShim.ProfileInfo\CurVer", "ProfShim.ProfileInfo", _
    "ProfShim.ProfileInfo.1\CLSID", "ProfShim.ProfileInfo.1")

If mode = "registered" Then
    path = ReadValue("HKCR\CLSID\" & CLSID & "\InprocServer32\")
    Expect LCase(Right(path, 13)) = "\profshim.dll", "InprocServer32 is the DLL's path: <" & path & ">"
    Expect ReadValue("HKCR\CLSID\" & CLSID & "\InprocServer32\ThreadingModel") = "Both", "ThreadingModel Both"
    Expect ReadValue("HKCR\CLSID\" & CLSID & "\ProgID\") = "ProfShim.ProfileInfo.1", "CLSID\ProgID"
    Expect ReadValue("HKCR\CLSID\" & CLSID & "\VersionIndependentProgID\") = "ProfShim.ProfileInfo", "CLSID\VersionIndependentProgID"
    Expect ReadValue("HKCR\ProfShim.ProfileInfo\CLSID\") = CLSID, "ProfShim.ProfileInfo\CLSID"
    Expect ReadValue("HKCR\ProfShim.ProfileInfo\CurVer\") = "ProfShim.ProfileInfo.1", "ProfShim.ProfileInfo\CurVer"
    Expect ReadValue("HKCR\ProfShim.ProfileInfo.1\CLSID\") = CLSID, "ProfShim.ProfileInfo.1\CLSID"
    Expect Len(ReadValue("HKCR\ProfShim.ProfileInfo\")) > 0, "ProfShim.ProfileInfo has a description"
    On Error Resume Next
    Set o = CreateObject("ProfShim.ProfileInfo")
    number = Err.Number
    On Error GoTo 0
    Expect number = 0, "CreateObject works: Err " & number
ElseIf mode = "unregistered" Then
    For Each root In Array("HKCR\", "HKLM\Software\Classes\", "HKCU\Software\Classes\")
        For Each key In keys
            Expect Not KeyExists(root & key), "no key left: " & root & key
        Next
    Next
    On Error Resume Next
    Set o = CreateObject("ProfShim.ProfileInfo")
    number = Err.Number
    On Error GoTo 0
    Expect number = 429, "CreateObject fails with 429: Err " & number
Else
    WScript.Echo "registry.vbs: registered or unregistered"
    WScript.Quit 2
End If

WScript.Echo passed & " passed, " & failed & " failed"
If failed > 0 Then WScript.Quit 1
