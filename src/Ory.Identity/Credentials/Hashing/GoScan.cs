namespace Ory.Identity;

/// <summary>
/// Just enough of Go's <c>fmt.Sscanf</c> to parse hash parameters exactly as Kratos: literal text must match, <c>%d</c>
/// skips leading blanks and reads decimal digits (a sign only for signed targets; overflow of the target width is an
/// error), <c>%s</c> reads a non-empty run of non-space characters, and input left over after the format is ignored.
/// </summary>
internal ref struct GoScan(string input)
{
    private readonly string _input = input;
    private int _position;

    public bool Literal(string text)
    {
        if (!_input.AsSpan(_position).StartsWith(text, StringComparison.Ordinal))
        {
            return false;
        }

        _position += text.Length;
        return true;
    }

    public bool Unsigned(int bits, out ulong value)
    {
        value = 0;
        SkipBlanks();
        var start = _position;
        while (_position < _input.Length && char.IsAsciiDigit(_input[_position]))
        {
            var digit = (ulong)(_input[_position] - '0');
            if (value > (ulong.MaxValue - digit) / 10)
            {
                return false;
            }

            value = value * 10 + digit;
            _position++;
        }

        return _position > start && (bits == 64 || value < 1UL << bits);
    }

    public bool Signed(out long value)
    {
        value = 0;
        SkipBlanks();
        var negative = false;
        if (_position < _input.Length && _input[_position] is '+' or '-')
        {
            negative = _input[_position] == '-';
            _position++;
        }

        if (!Unsigned(64, out var magnitude) || magnitude > long.MaxValue)
        {
            return false;
        }

        value = negative ? -(long)magnitude : (long)magnitude;
        return true;
    }

    public bool Word(out string value)
    {
        value = string.Empty;
        SkipBlanks();
        var start = _position;
        while (_position < _input.Length && !char.IsWhiteSpace(_input[_position]))
        {
            _position++;
        }

        value = _input[start.._position];
        return _position > start;
    }

    private void SkipBlanks()
    {
        while (_position < _input.Length && _input[_position] != '\n' && char.IsWhiteSpace(_input[_position]))
        {
            _position++;
        }
    }
}
