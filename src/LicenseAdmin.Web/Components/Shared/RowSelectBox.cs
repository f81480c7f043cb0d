using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace LicenseAdmin.Web.Components.Shared;

/// <summary>
/// A row's selection box for a grid: a real <c>&lt;input type="checkbox"&gt;</c> named by its label, drawn with MudBlazor's
/// checkbox classes and icons so that it looks like <c>MudCheckBox</c>. It is markup in the grid's own render tree, not a
/// component: MudBlazor's checkbox is three components per row (with its input control and icon) and a key interceptor in
/// the browser, and every component costs each open page its state and two render buffers for the life of the circuit
/// (docs/performance.md, measure 7; decision 0019).
/// </summary>
/// <remarks>
/// Keys as with MudCheckBox: Space toggles (the browser's own checkbox does), Enter selects, Delete clears. A click on the
/// box does not reach the row, whose click opens the user. Written with the render tree builder because a static Razor
/// fragment cannot bind events: the grid's own callback re-renders the grid and tells the page.
/// </remarks>
public static class RowSelectBox
{
    private const string IconButtonClass = "mud-button-root mud-icon-button mud-default-text hover:mud-default-hover mud-ripple mud-ripple-checkbox";
    private const string CheckedClass = IconButtonClass + " mud-checkbox-true";
    private const string UncheckedClass = IconButtonClass + " mud-checkbox-false";
    private static readonly MarkupString CheckedIcon = new(Icons.Material.Filled.CheckBox);
    private static readonly MarkupString UncheckedIcon = new(Icons.Material.Filled.CheckBoxOutlineBlank);

    /// <summary>The box for one row: <paramref name="changed"/> gets the new state when the user checks or clears it.</summary>
    public static RenderFragment Box(bool selected, string label, Func<bool, Task> changed) => builder => Render(builder, selected, label, changed);

    private static void Render(RenderTreeBuilder builder, bool selected, string label, Func<bool, Task> changed)
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-input-control mud-input-control-boolean-input row-select");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", "mud-input-control-input-container");
        builder.OpenElement(4, "label");
        builder.AddAttribute(5, "class", "mud-checkbox mud-input-content-placement-end");
        builder.AddAttribute(6, "onkeydown", (Func<KeyboardEventArgs, Task>)(key => OnKeyDownAsync(key, selected, changed)));
        builder.AddEventStopPropagationAttribute(7, "onclick", true);
        builder.OpenElement(8, "span");
        builder.AddAttribute(9, "class", selected ? CheckedClass : UncheckedClass);
        builder.OpenElement(10, "input");
        builder.AddAttribute(11, "type", "checkbox");
        builder.AddAttribute(12, "class", "mud-checkbox-input");
        builder.AddAttribute(13, "aria-label", label);
        builder.AddAttribute(14, "checked", selected);
        builder.AddAttribute(15, "onchange", (Func<ChangeEventArgs, Task>)(change => changed(change.Value is true)));
        builder.CloseElement();
        builder.OpenElement(16, "svg");
        builder.AddAttribute(17, "class", "mud-icon-root mud-svg-icon mud-inherit-text mud-icon-size-medium");
        builder.AddAttribute(18, "focusable", "false");
        builder.AddAttribute(19, "viewBox", "0 0 24 24");
        builder.AddAttribute(20, "aria-hidden", "true");
        builder.AddAttribute(21, "role", "img");
        builder.AddContent(22, selected ? CheckedIcon : UncheckedIcon);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    }

    private static Task OnKeyDownAsync(KeyboardEventArgs key, bool selected, Func<bool, Task> changed) => key.Key switch
    {
        "Enter" or "NumpadEnter" when !selected => changed(true),
        "Delete" when selected => changed(false),
        _ => Task.CompletedTask,
    };
}
