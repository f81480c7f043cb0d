# A Graph script run against LicenseAdmin with PowerShell's Invoke-RestMethod: only the base URL differs from Graph.
# It gets a token from LicenseAdmin's token endpoint (client credentials), lists unlicensed users with $count,
# assigns a product with one service plan turned off, reads the user's licenseDetails, and shows Graph's error
# message for an assignment the rules refuse. The API tests run this very file (tests/LicenseAdmin.Api.Tests).
#
#   pwsh ./docs/examples/graph-from-powershell.ps1 -Base http://localhost:5159 -Tenant contoso.com `
#       -ClientId <client id> -Secret <client secret>
# The app needs User.Read.All, Organization.Read.All and LicenseAssignment.ReadWrite.All.
param(
    [Parameter(Mandatory)] [string] $Base,
    [Parameter(Mandatory)] [string] $Tenant,
    [Parameter(Mandatory)] [string] $ClientId,
    [Parameter(Mandatory)] [string] $Secret,
    [string] $SkuPartNumber = 'ENTERPRISEPACK',
    [string] $DisabledPlanName = 'SWAY'
)
$ErrorActionPreference = 'Stop'

# 1. A token from the token endpoint, as from login.microsoftonline.com/{tenant}/oauth2/v2.0/token.
$token = Invoke-RestMethod -Method Post -Uri "$Base/$Tenant/oauth2/v2.0/token" -Body @{
    grant_type    = 'client_credentials'
    client_id     = $ClientId
    client_secret = $Secret
    scope         = 'https://graph.microsoft.com/.default'
}
$headers = @{ Authorization = "Bearer $($token.access_token)"; ConsistencyLevel = 'eventual' }

# 2. Unlicensed users with their number: an advanced query, so ConsistencyLevel: eventual (in $headers) and $count.
$unlicensed = Invoke-RestMethod -Headers $headers -Uri ("$Base/v1.0/users?`$filter=assignedLicenses/`$count eq 0" +
    "&`$count=true&`$select=id,userPrincipalName,usageLocation&`$orderby=userPrincipalName&`$top=100")
Write-Host "$($unlicensed.'@odata.count') users have no license"

# 3. The product and the plan to turn off, from subscribedSkus; then assign it to the first unlicensed user with a usage location.
$sku = (Invoke-RestMethod -Headers $headers -Uri "$Base/v1.0/subscribedSkus").value | Where-Object skuPartNumber -eq $SkuPartNumber
$plan = $sku.servicePlans | Where-Object servicePlanName -eq $DisabledPlanName
$user = $unlicensed.value | Where-Object usageLocation | Select-Object -First 1
$assign = @{ addLicenses = @(@{ skuId = $sku.skuId; disabledPlans = @($plan.servicePlanId) }); removeLicenses = @() }
$assigned = Invoke-RestMethod -Method Post -Headers $headers -ContentType 'application/json' `
    -Uri "$Base/v1.0/users/$($user.id)/assignLicense" -Body ($assign | ConvertTo-Json -Depth 5)
Write-Host "$($assigned.userPrincipalName) now has $SkuPartNumber without $DisabledPlanName"

# 4. licenseDetails: each held product with the provisioning status of its plans.
$details = (Invoke-RestMethod -Headers $headers -Uri "$Base/v1.0/users/$($user.id)/licenseDetails").value
$status = ($details | Where-Object skuId -eq $sku.skuId).servicePlans | Where-Object servicePlanId -eq $plan.servicePlanId

# 5. A refused assignment: a plan the product does not have. The error is Graph's envelope {"error":{"code","message"}}.
$refusal = $null
$bad = @{ addLicenses = @(@{ skuId = $sku.skuId; disabledPlans = @('00000000-0000-0000-0000-000000000001') }); removeLicenses = @() }
try {
    Invoke-RestMethod -Method Post -Headers $headers -ContentType 'application/json' `
        -Uri "$Base/v1.0/users/$($user.id)/assignLicense" -Body ($bad | ConvertTo-Json -Depth 5) | Out-Null
} catch {
    $refusal = ($_.ErrorDetails.Message | ConvertFrom-Json).error
    Write-Host "Refused ($($_.Exception.Response.StatusCode.value__) $($refusal.code)): $($refusal.message)"
}

# What the script saw, as one line of JSON (the tests read it).
[pscustomobject]@{
    unlicensedCount    = $unlicensed.'@odata.count'
    listed             = @($unlicensed.value).Count
    userId             = $user.id
    assignedSkus       = @($details | ForEach-Object { $_.skuId })
    disabledPlanStatus = $status.provisioningStatus
    refusalCode        = $refusal.code
    refusalMessage     = $refusal.message
} | ConvertTo-Json -Compress
