namespace ChatSphere.Agents.Embeddings;

/// <summary>
/// Martin Porter's 1980 stemmer ("connections", "connected", "connecting" -> "connect"), after his reference C
/// version. An instance reuses one buffer, so use one per thread. Long, but one published algorithm kept whole.
/// </summary>
internal sealed class PorterStemmer
{
    private char[] _b = new char[48];
    private int _k;
    private int _j;

    public string Stem(ReadOnlySpan<char> word)
    {
        if (word.Length <= 2)
        {
            return word.ToString();
        }

        if (word.Length > _b.Length)
        {
            _b = new char[word.Length * 2];
        }

        word.CopyTo(_b);
        _k = word.Length - 1;
        Step1ab();
        if (_k > 0)
        {
            Step1c();
            Step2();
            Step3();
            Step4();
            Step5();
        }

        return new string(_b, 0, _k + 1);
    }

    private bool Cons(int i) => _b[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !Cons(i - 1),
        _ => true,
    };

    // The number of vowel-consonant sequences in b[0.._j].
    private int M()
    {
        var n = 0;
        var i = 0;
        while (i <= _j && Cons(i))
        {
            i++;
        }

        while (i <= _j)
        {
            while (i <= _j && !Cons(i))
            {
                i++;
            }

            if (i > _j)
            {
                break;
            }

            n++;
            while (i <= _j && Cons(i))
            {
                i++;
            }
        }

        return n;
    }

    private bool VowelInStem()
    {
        for (var i = 0; i <= _j; i++)
        {
            if (!Cons(i))
            {
                return true;
            }
        }

        return false;
    }

    private bool DoubleC(int j) => j >= 1 && _b[j] == _b[j - 1] && Cons(j);

    private bool Cvc(int i) => i >= 2 && Cons(i) && !Cons(i - 1) && Cons(i - 2) && _b[i] is not ('w' or 'x' or 'y');

    private bool Ends(string s)
    {
        var length = s.Length;
        if (length > _k + 1 || !_b.AsSpan(_k - length + 1, length).SequenceEqual(s))
        {
            return false;
        }

        _j = _k - length;
        return true;
    }

    private void SetTo(string s)
    {
        s.CopyTo(_b.AsSpan(_j + 1));
        _k = _j + s.Length;
    }

    private void R(string s)
    {
        if (M() > 0)
        {
            SetTo(s);
        }
    }

    private void Step1ab()
    {
        if (_b[_k] == 's')
        {
            if (Ends("sses"))
            {
                _k -= 2;
            }
            else if (Ends("ies"))
            {
                SetTo("i");
            }
            else if (_b[_k - 1] != 's')
            {
                _k--;
            }
        }

        if (Ends("eed"))
        {
            if (M() > 0)
            {
                _k--;
            }
        }
        else if ((Ends("ed") || Ends("ing")) && VowelInStem())
        {
            _k = _j;
            if (Ends("at"))
            {
                SetTo("ate");
            }
            else if (Ends("bl"))
            {
                SetTo("ble");
            }
            else if (Ends("iz"))
            {
                SetTo("ize");
            }
            else if (DoubleC(_k))
            {
                if (_b[_k] is not ('l' or 's' or 'z'))
                {
                    _k--;
                }
            }
            else
            {
                _j = _k;
                if (M() == 1 && Cvc(_k))
                {
                    SetTo("e");
                }
            }
        }
    }

    private void Step1c()
    {
        if (Ends("y") && VowelInStem())
        {
            _b[_k] = 'i';
        }
    }

    private void Step2() => Replace(_b[_k - 1] switch
    {
        'a' => [("ational", "ate"), ("tional", "tion")],
        'c' => [("enci", "ence"), ("anci", "ance")],
        'e' => [("izer", "ize")],
        'l' => [("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous")],
        'o' => [("ization", "ize"), ("ation", "ate"), ("ator", "ate")],
        's' => [("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous")],
        't' => [("aliti", "al"), ("iviti", "ive"), ("biliti", "ble")],
        'g' => [("logi", "log")],
        _ => [],
    });

    private void Step3() => Replace(_b[_k] switch
    {
        'e' => [("icate", "ic"), ("ative", ""), ("alize", "al")],
        'i' => [("iciti", "ic")],
        'l' => [("ical", "ic"), ("ful", "")],
        's' => [("ness", "")],
        _ => [],
    });

    private void Replace((string Suffix, string With)[] rules)
    {
        foreach (var (suffix, with) in rules)
        {
            if (Ends(suffix))
            {
                R(with);
                return;
            }
        }
    }

    private void Step4()
    {
        string[] suffixes = _b[_k - 1] switch
        {
            'a' => ["al"],
            'c' => ["ance", "ence"],
            'e' => ["er"],
            'i' => ["ic"],
            'l' => ["able", "ible"],
            'n' => ["ant", "ement", "ment", "ent"],
            'o' => ["ion", "ou"],
            's' => ["ism"],
            't' => ["ate", "iti"],
            'u' => ["ous"],
            'v' => ["ive"],
            'z' => ["ize"],
            _ => [],
        };
        foreach (var suffix in suffixes)
        {
            if (!Ends(suffix))
            {
                continue;
            }

            // "-ion" goes only after s or t: "adoption" but not "onion".
            if (suffix == "ion" && (_j < 0 || _b[_j] is not ('s' or 't')))
            {
                continue;
            }

            if (M() > 1)
            {
                _k = _j;
            }

            return;
        }
    }

    private void Step5()
    {
        _j = _k;
        if (_b[_k] == 'e')
        {
            var m = M();
            if (m > 1 || (m == 1 && !Cvc(_k - 1)))
            {
                _k--;
            }
        }

        if (_b[_k] == 'l' && DoubleC(_k) && M() > 1)
        {
            _k--;
        }
    }
}
