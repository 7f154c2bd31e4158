using System.Globalization;
using System.Text;

namespace PredictEngine.SqlFrontend.Execution.Tsql;

/// <summary>
/// RAISERROR's printf-style message formatting: <c>% [flags] [width] [.precision] [h|l] type</c> with types
/// d, i, u, o, x, X, s and <c>%%</c>; <c>*</c> takes a width or precision from the arguments. A missing
/// argument prints <c>(null)</c>, as SQL Server does; a NULL argument prints <c>(null)</c> too.
/// </summary>
internal static class RaiserrorFormat
{
    public static string Format(string template, IReadOnlyList<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(template);
        var output = new StringBuilder(template.Length + 16);
        var next = 0;
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i++];
            if (c != '%')
            {
                output.Append(c);
                continue;
            }

            if (i < template.Length && template[i] == '%')
            {
                output.Append('%');
                i++;
                continue;
            }

            var start = i;
            var left = false;
            var plus = false;
            var space = false;
            var zero = false;
            var alternate = false;
            while (i < template.Length && "-+ 0#".Contains(template[i], StringComparison.Ordinal))
            {
                switch (template[i])
                {
                    case '-': left = true; break;
                    case '+': plus = true; break;
                    case ' ': space = true; break;
                    case '0': zero = true; break;
                    default: alternate = true; break;
                }

                i++;
            }

            var width = Number(template, ref i, arguments, ref next);
            int? precision = null;
            if (i < template.Length && template[i] == '.')
            {
                i++;
                precision = Number(template, ref i, arguments, ref next) ?? 0;
            }

            if (i < template.Length && (template[i] == 'h' || template[i] == 'l' || template[i] == 'I'))
            {
                i++;
            }

            if (i >= template.Length || !"diuoxXs".Contains(template[i], StringComparison.Ordinal))
            {
                // Not a specification SQL Server knows: the text stays as written.
                output.Append('%').Append(template, start, i - start);
                continue;
            }

            var type = template[i++];
            var argument = next < arguments.Count ? arguments[next] : null;
            var missing = next >= arguments.Count || argument is null;
            next++;
            string text;
            if (missing)
            {
                text = "(null)";
            }
            else if (type == 's')
            {
                text = SqlValues.Text(argument);
                if (precision is { } p && p < text.Length)
                {
                    text = text[..p];
                }
            }
            else
            {
                text = Integer(argument!, type, precision, plus, space, alternate);
            }

            var pad = width is { } w && w > text.Length ? w - text.Length : 0;
            if (pad == 0)
            {
                output.Append(text);
            }
            else if (left)
            {
                output.Append(text).Append(' ', pad);
            }
            else if (zero && type != 's' && precision is null && !missing)
            {
                var sign = text.Length > 0 && (text[0] == '-' || text[0] == '+' || text[0] == ' ') ? 1 : 0;
                output.Append(text, 0, sign).Append('0', pad).Append(text, sign, text.Length - sign);
            }
            else
            {
                output.Append(' ', pad).Append(text);
            }
        }

        return output.ToString();
    }

    private static int? Number(string template, ref int i, IReadOnlyList<object?> arguments, ref int next)
    {
        if (i < template.Length && template[i] == '*')
        {
            i++;
            var value = next < arguments.Count ? arguments[next] : null;
            next++;
            return value is null ? null : (int)System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }

        var start = i;
        while (i < template.Length && char.IsAsciiDigit(template[i]))
        {
            i++;
        }

        return i == start ? null : int.Parse(template.AsSpan(start, i - start), CultureInfo.InvariantCulture);
    }

    private static string Integer(object argument, char type, int? precision, bool plus, bool space, bool alternate)
    {
        long value;
        try
        {
            value = argument is string s
                ? long.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                : System.Convert.ToInt64(argument, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            return "(null)";
        }

        // SQL Server's integers are 32-bit: %u, %o and %x show a negative int as its unsigned bit pattern.
        var unsigned = (ulong)(uint)(int)value;
        var digits = type switch
        {
            'u' => unsigned.ToString(CultureInfo.InvariantCulture),
            'o' => System.Convert.ToString((long)unsigned, 8),
            'x' => unsigned.ToString("x", CultureInfo.InvariantCulture),
            'X' => unsigned.ToString("X", CultureInfo.InvariantCulture),
            _ => Math.Abs(value).ToString(CultureInfo.InvariantCulture),
        };
        if (precision is { } p && digits.Length < p)
        {
            digits = new string('0', p - digits.Length) + digits;
        }

        if (type is 'd' or 'i')
        {
            var sign = value < 0 ? "-" : plus ? "+" : space ? " " : string.Empty;
            return sign + digits;
        }

        return alternate && value != 0 ? type switch { 'o' => "0" + digits, 'x' => "0x" + digits, 'X' => "0X" + digits, _ => digits } : digits;
    }
}
